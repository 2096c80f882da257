import Foundation
import LogReading
import Testing

@testable import LogParsing

/// The fast path's shortcuts must agree with the general code they skip.
struct FastPathTests {
  static let timestamps = [
    "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: x",
    "08/11/21-05:49:43:233", "12/31/99-23:59:60:999 x", "02/29/24-00:00:00:000 leap",
    "02/29/23-00:00:00:000 not leap", "13/01/21-00:00:00:000", "00/01/21-00:00:00:000",
    "01/00/21-00:00:00:000", "04/31/21-00:00:00:000", "01/01/21-24:00:00:000",
    "01/01/21-00:60:00:000", "01/01/21-00:00:61:000", "01/01/21-00:00:00:0000",
    "01/01/21-00:00:00:00", "01/01/21 00:00:00:000", "01/01/21-00:00:00.000",
    "1/01/21-00:00:00:000x", "0a/01/21-00:00:00:000", "01/01/2a-00:00:00:000",
    "01/01/21-00:00:00:00a", "\u{7f}1/01/21-00:00:00:000", "01/01-00:00:00:000 legacy",
    "01/01/21-00:0\u{b9}:00:000",
  ]

  /// Records an issue when the word-at-a-time timestamp accepts what the byte-by-byte code
  /// rejects or reads it otherwise; true when it accepted it.
  @discardableResult
  func expectAgreement(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBytes { buffer in
      let slow = LineClassifier.classifyTimestampedSlowly(buffer)
      guard let fast = LineClassifier.fullTimestamp(buffer) else {
        if case .entry(let header) = slow {
          #expect(header.layout == .legacy, "fast path missed \(bytes)")
        }
        return false
      }
      guard case .entry(let header) = slow else {
        Issue.record("fast path accepted what the general code rejects: \(bytes)")
        return true
      }
      #expect(header.timestamp == fast)
      #expect(LineClassifier.classifyTimestamped(buffer) == slow)
      return true
    }
  }

  @Test(arguments: timestamps)
  func wordAtATimeTimestampAgreesWithByteByByte(line: String) {
    let bytes = Array(line.utf8)
    expectAgreement(bytes)
    if let first = bytes.first, first &- 0x30 < 10 {
      bytes.withUnsafeBytes { buffer in
        #expect(LineClassifier.classify(buffer) == LineClassifier.classifyTimestampedSlowly(buffer))
      }
    }
  }

  @Test func everyByteOfAValidTimestampIsChecked() {
    let valid = Array("08/11/21-05:49:43:233 (1) 0 text".utf8)
    #expect(expectAgreement(valid))
    for index in 0..<21 {
      for replacement in [UInt8(ascii: "x"), UInt8(ascii: "/"), UInt8(ascii: ":"), 0x39, 0xB0] {
        var bytes = valid
        bytes[index] = replacement
        expectAgreement(bytes)
      }
    }
  }

  /// The clock read after a known date (the scanner's runs) accepts a line exactly when
  /// `fullTimestamp` accepts it with that date, and reads the same time of day.
  @Test func theClockAfterAKnownDateAgreesWithTheWholeTimestamp() {
    let valid = Array("08/11/21-05:49:43:233 (1) 0 text".utf8)
    let date = valid.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
    func expectClockAgreement(_ bytes: [UInt8]) {
      bytes.withUnsafeBytes { buffer in
        let clock = LineClassifier.clockMilliseconds(buffer, date: date)
        guard let full = LineClassifier.fullTimestamp(buffer),
          buffer.count >= 8, buffer.loadUnaligned(as: UInt64.self) == date
        else {
          #expect(clock == nil, "\(bytes)")
          return
        }
        let expected = ((full.hour * 60 + full.minute) * 60 + full.second) * 1000 + full.millisecond
        #expect(clock == Int64(expected), "\(bytes)")
      }
    }
    expectClockAgreement(valid)
    #expect(valid.withUnsafeBytes { LineClassifier.clockMilliseconds($0, date: date) } == 20_983_233)
    for index in 0..<22 {
      for replacement in [UInt8(ascii: "x"), UInt8(ascii: "/"), UInt8(ascii: ":"), 0x30, 0x39, 0xB0] {
        var bytes = valid
        bytes[index] = replacement
        expectClockAgreement(bytes)
      }
    }
    for line in Self.timestamps + ["08/11/21-23:59:60:999", "08/11/21-24:00:00:000", "08/11/21-0"] {
      expectClockAgreement(Array(line.utf8))
    }
  }

  static let pairs = [
    #"when="2019-08-01 18:43:02.216" pid=8240 level=SEVERE event=Utility.Event text="x y""#,
    #"when=2019-08-01T18:43:02 pid=1"#, #"when="2019-08-01 18:43:02,5""#,
    #"when="2019-08-01 18:43:02.216" when="2019-13-01 18:43:02.216""#,
    #"when="2019-13-01 18:43:02.216" when="2019-08-01 18:43:02.216""#,
    #"when="2019-08-01 18:43:02.216" text="unterminated"#,
    #"when="2019-08-01 18:43:02.216" =novalue"#, #"when="2019-08-01 18:43:02.216"  spaces  "#,
    #"when="2019-08-01 18:43:02.216" name"#, #"when= pid=1"#, #"when="" pid=1"#,
    #"when="2019-08-01 18:43:02.216" text="with \" escape""#,
    "when=\"2019-08-01 18:43:02.2\u{e9}\"", "whenever=1 when=2019-08-01T18:43:02",
    #"when="2019-08-01 18:43:02.216"pid=1"#, "when=2019-08-01T18:43:02\t pid=1",
  ]

  @Test(arguments: pairs)
  func byteLevelPairsAgreeWithTheFullParse(line: String) {
    let bytes = Array(line.utf8)
    bytes.withUnsafeBytes { buffer in
      let full = StructuredLogLine.parse(buffer)
      if let fast = StructuredLogLine.pairsTimestamp(buffer) {
        #expect(full?.timestamp == fast)
        #expect(full?.layout == .structuredPairs)
      } else if !bytes.contains(UInt8(ascii: "\\")) && bytes.allSatisfy({ $0 < 0x80 }) {
        #expect(full == nil, "the byte-level check missed \(line)")
      }
    }
  }

  /// Entries as the caller sees them, and the statistics, with and without skipping.
  func scan(_ text: String, skipping: Range<Int64>?) throws -> ([String], EntryStatistics) {
    let literal = Array("Backup.".utf8)
    let converter = LocalTimeConverter(timeZone: TimeZone(identifier: "Europe/Paris")!)
    let scanner = EntryScanner(
      converter: converter, configuration: .init(unmarkedEntriesSkipped: skipping))
    var entries: [String] = []
    let reader = LineReader(
      source: MemoryByteSource(Array(text.utf8)),
      configuration: .init(initialCapacity: 7, marker: Marker(literal: literal)))
    func collect(_ entry: Entry) {
      entries.append(
        "\(entry.line) \(entry.lineCount) \(entry.layout) \(entry.epochMilliseconds) "
          + "\(entry.pid ?? -1) \(entry.severity ?? -1) "
          + "\(entry.category.map { String(decoding: $0, as: UTF8.self) } ?? "-") "
          + "\(entry.isMarked) \(entry.fingerprint()) "
          + String(decoding: entry.text, as: UTF8.self) + " | "
          + String(decoding: entry.firstLineMessage, as: UTF8.self))
    }
    try reader.forEachLine { scanner.scan($0, collect) }
    scanner.finish(collect)
    return (entries, scanner.statistics)
  }

  struct Marker: LineMarker {
    let literal: [UInt8]
    func firstMark(in bytes: UnsafeRawBufferPointer) -> Int? {
      guard bytes.count >= literal.count else { return nil }
      return (0...(bytes.count - literal.count)).first {
        bytes[$0..<($0 + literal.count)].elementsEqual(literal)
      }
    }
  }

  static let log = """
    08/11/21-05:49:43:100 (18374) 0 [Utility.Event] ordinary
    08/11/21-05:49:43:200 (18374) 0 [Generic.Event]
    Startup of InterSystems IRIS, Backup. in a continuation line
    08/11/21-05:49:43:300 (1) 1 [Utility.Event] Backup.General.ExternalFreeze: Suspending system
    08/11/21-05:49:43:400 ( 2240) 2 no category
    continued
    08/11/21-05:49:43:050 (7) 0 [Utility.Event] out of order
    13/45/21-05:49:43:500 (7) 0 [Utility.Event] impossible
    junk after impossible
    08/11-05:49:44:000 ( 2240) legacy, not dated here
    *** Recovery started at Wed Aug 11 06:12:30 2021
    08/11/21-06:49:43:600 (9) 0 [Backup.Category] a mark in the header
    08/11/21-06:49:43:700 (9) 0 [Utility.Event] last, unterminated
    """

  @Test(arguments: [nil, Int64.min..<Int64.max, 1_628_653_783_250..<1_628_657_383_650])
  func skippingChangesNothingButWhatIsHandedOut(skipping: Range<Int64>?) throws {
    let (all, allStatistics) = try scan(Self.log, skipping: nil)
    let (kept, statistics) = try scan(Self.log, skipping: skipping)
    #expect(statistics == allStatistics)
    #expect(kept.allSatisfy { all.contains($0) })
    if skipping == nil { #expect(kept == all) }
    #expect(kept.filter { $0.contains(" true ") } == all.filter { $0.contains(" true ") })
    #expect(all.count == allStatistics.entries)
    #expect(all.count == 8)
    if skipping == Int64.min..<Int64.max {
      // Left out: the one-line unmarked entries with a full timestamp.
      #expect(kept.count == 5)
    }
  }
}
