import LogReading
import Testing

/// `EnvelopeDecoder`: IRIS's lines out of their envelope, with the file's line numbers.
struct EnvelopeDecoderTests {
  /// A line that starts an IRIS entry, for detection.
  static func isLogLine(_ bytes: UnsafeRawBufferPointer) -> Bool {
    bytes.count >= 22 && bytes[2] == 0x2F && bytes[5] == 0x2F && bytes[8] == 0x2D
  }

  struct Output: Equatable, CustomStringConvertible {
    var server: String?
    var number: Int
    var text: String
    var isMarked: Bool
    var description: String { "\(server ?? "-")@\(number): \(text)" }
  }

  /// Runs `lines` (numbered from 1, each marked as `marked` says) through a decoder.
  static func decode(
    _ lines: [String], envelope: Envelope?, marked: (Int) -> Bool = { _ in false },
    maximumLineLength: Int = 1 << 20
  ) -> (output: [Output], decoder: EnvelopeDecoder) {
    let decoder = EnvelopeDecoder(
      envelope: envelope, maximumLineLength: maximumLineLength, isLogLine: isLogLine)
    var output: [Output] = []
    func take(_ server: UnsafeRawBufferPointer?, _ line: Line) {
      output.append(
        Output(
          server: server.map { String(decoding: $0, as: UTF8.self) }, number: line.number,
          text: String(decoding: line.bytes, as: UTF8.self), isMarked: line.isMarked))
    }
    for (index, text) in lines.enumerated() {
      let bytes = Array(text.utf8)
      bytes.withUnsafeBytes { raw in
        decoder.decode(
          Line(
            bytes: raw, number: index + 1, isTruncated: false, containsNUL: false,
            isMarked: marked(index + 1)), take)
      }
    }
    decoder.finish(take)
    return (output, decoder)
  }

  static let first = "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system"
  static let second = "08/11/21-05:49:43:342 (18374) 0 [Generic.Event] INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE"
  static let continuation = "Journaling switched to: /iris/journal1/20210811.003"

  @Test func criPartsAreJoinedPerStreamWithTheFirstPartsNumber() {
    let lines = [
      "2021-08-11T05:49:43.1Z stdout P \(Self.first.prefix(30))",
      "2021-08-11T05:49:43.2Z stderr P err-",
      "2021-08-11T05:49:43.3Z stdout F \(Self.first.dropFirst(30))",
      "2021-08-11T05:49:43.4Z stderr F or",
      "2021-08-11T05:49:43.5Z stdout F \(Self.second)",
    ]
    let (output, decoder) = Self.decode(lines, envelope: Envelope(transport: .cri, hasIRISMainPrefix: false))
    #expect(output.map(\.description) == ["-@1: \(Self.first)", "-@2: err-or", "-@5: \(Self.second)"])
    // A literal may straddle two parts: the joined line is always looked at.
    #expect(output.map(\.isMarked) == [true, true, false])
    #expect(decoder.statistics.joinedParts == 4)
  }

  @Test func dockerRecordsAreUnescapedAndJoined() {
    let lines = [
      #"{"log":"\u003cpart one\u003e \"quoted\" ","stream":"stdout","time":"2021-08-11T05:49:43.1Z"}"#,
      #"{"log":"and two\n","stream":"stdout","attrs":{"tag":"a,b}"},"time":"2021-08-11T05:49:43.2Z"}"#,
      #"{"time":"2021-08-11T05:49:43.3Z","stream":"stderr","log":"tab\there\r\n"}"#,
      #"{"log":"plain\n","stream":"stdout","time":"2021-08-11T05:49:43.4Z"}"#,
      #"{"log":"bad \q escape\n","stream":"stdout"}"#,
    ]
    let (output, decoder) = Self.decode(lines, envelope: Envelope(transport: .dockerJSON, hasIRISMainPrefix: false))
    #expect(output.map(\.description) == ["-@1: <part one> \"quoted\" and two", "-@3: tab\there", "-@4: plain"])
    // Escapes may hide a literal from the marker; a final newline does not.
    #expect(output.map(\.isMarked) == [true, true, false])
    #expect(decoder.statistics.malformedLines == 1)
  }

  @Test func irisMainsOwnLinesAreContainerOutputNotLog() {
    let lines = [
      "[INFO] Starting InterSystems IRIS instance IRIS...",
      "Allocated 1545MB shared memory",
      "[INFO] log: \(Self.first)",
      "[INFO] log: \(Self.continuation)",
      "[INFO] ...started InterSystems IRIS instance IRIS",
    ]
    let (output, decoder) = Self.decode(lines, envelope: nil)
    #expect(decoder.envelope == Envelope(transport: .none, hasIRISMainPrefix: true))
    #expect(output.map(\.description) == ["-@3: \(Self.first)", "-@4: \(Self.continuation)"])
    #expect(decoder.statistics.containerLines == 3)
  }

  @Test func composeNamesEachLinesServerAndCountsForeignLines() {
    let lines = [
      "data-shard1  | \(Self.second)",
      "data-shard2  | \(Self.first)",
      "data-shard1  | \(Self.continuation)",
      "a line of no envelope",
    ]
    let (output, decoder) = Self.decode(lines, envelope: nil, marked: { $0 == 2 })
    #expect(decoder.envelope == Envelope(transport: .compose, hasIRISMainPrefix: false))
    #expect(output.map(\.description) == [
      "data-shard1@1: \(Self.second)", "data-shard2@2: \(Self.first)", "data-shard1@3: \(Self.continuation)",
    ])
    #expect(output.map(\.isMarked) == [false, true, false])
    #expect(decoder.statistics.malformedLines == 1)
  }

  @Test func aPlainLogIsDetectedPlainAndPassesThrough() {
    let lines = ["", "", "", Self.first, Self.second, Self.continuation]
    let (output, decoder) = Self.decode(lines, envelope: nil)
    #expect(decoder.envelope == .plain)
    #expect(output.map(\.number) == [1, 2, 3, 4, 5, 6])
    #expect(output.map(\.text) == lines)
  }

  @Test func detectionDecidesAfterItsSampleAndKeepsTheLinesBeforeIt() {
    let lines = (0..<(EnvelopeDetector.sampleLines + 10)).map {
      "2021-08-11T05:49:43.\($0)Z stdout F [INFO] log: \(Self.first) \($0)"
    }
    let (output, decoder) = Self.decode(lines, envelope: nil)
    #expect(decoder.envelope?.description == "cri+iris-main")
    #expect(output.count == lines.count)
    #expect(output.map(\.number) == Array(1...lines.count))
    #expect(output.last?.text == "\(Self.first) \(lines.count - 1)")
  }

  @Test func aJoinedLineLongerThanTheLimitIsCut() {
    let lines = [
      "2021-08-11T05:49:43.1Z stdout P 0123456789",
      "2021-08-11T05:49:43.2Z stdout P 0123456789",
      "2021-08-11T05:49:43.3Z stdout F 0123456789",
    ]
    let decoder = EnvelopeDecoder(
      envelope: Envelope(transport: .cri, hasIRISMainPrefix: false), maximumLineLength: 15,
      isLogLine: Self.isLogLine)
    var seen: [(String, Bool)] = []
    for (index, text) in lines.enumerated() {
      Array(text.utf8).withUnsafeBytes { raw in
        decoder.decode(Line(bytes: raw, number: index + 1, isTruncated: false, containsNUL: false, isMarked: false)) {
          _, line in seen.append((String(decoding: line.bytes, as: UTF8.self), line.isTruncated))
        }
      }
    }
    #expect(seen.count == 1)
    #expect(seen.first?.0 == "012345678901234")
    #expect(seen.first?.1 == true)
  }

  @Test func anUnfinishedPartIsHandedOutAtTheEnd() {
    let (output, _) = Self.decode(
      ["2021-08-11T05:49:43.1Z stdout P \(Self.first)"],
      envelope: Envelope(transport: .cri, hasIRISMainPrefix: false))
    #expect(output.map(\.description) == ["-@1: \(Self.first)"])
  }
}
