@testable import LogParsing
import Testing

/// Issue 13: the one-pass reader of a flat JSON line finds the last `when` string, and gives
/// nil for every line that is not plain, flat and whole.
struct FlatJSONScannerTests {
  /// The text of the last `when`, or nil; both readers must agree.
  func lastWhen(_ line: String) -> String? {
    lastWhen(Array(line.utf8))
  }

  func lastWhen(_ bytes: [UInt8]) -> String? {
    expectTheLineReadingAgrees(bytes)
    return bytes.withUnsafeBytes { buffer -> String? in
      let found = FlatJSONScanner.lastWhen(buffer)
      #expect(FlatJSONScanner.lastWhenWithoutVectors(buffer) == found, "\(bytes)")
      return found.map { String(decoding: buffer[$0], as: UTF8.self) }
    }
  }

  /// The reading that finds the line's end itself (the scanner's runs) must give, for `bytes`
  /// ended by `\n` or `\r\n` and followed by more, what `lastWhen` gives of the line a reader
  /// splits there (up to the first `\n`, less one `\r`), and that line's length.
  func expectTheLineReadingAgrees(_ bytes: [UInt8]) {
    for terminator in ["\n", "\r\n", "\r", ""] {
      for next in ["", #"{"when":"X"}"# + "\n", "\"}\n", "\n"] {
        let joined = bytes + Array(terminator.utf8) + Array(next.utf8)
        joined.withUnsafeBytes { buffer in
          let fused = FlatJSONScanner.lineAndLastWhen(buffer)
          let scalar = FlatJSONScanner.lineAndLastWhenWithoutVectors(buffer)
          #expect(fused?.length == scalar?.length && fused?.when == scalar?.when, "\(joined)")
          guard let newline = joined.firstIndex(of: 0x0A) else {
            #expect(fused == nil, "no line ends in \(joined)")
            return
          }
          var end = newline
          if end > 0 && joined[end - 1] == 0x0D { end -= 1 }
          let expected = FlatJSONScanner.lastWhen(UnsafeRawBufferPointer(rebasing: buffer[..<end]))
          #expect(fused?.when == expected, "\(joined)")
          if fused != nil { #expect(fused?.length == end, "\(joined)") }
        }
      }
    }
  }

  static let sample =
    #"{ "when": "2021-08-05 00:00:00.033", "pid": "49407", "level": "INFO", "event": "Generic.Event", "text": "Instance 'IRIS' starting on node master"}"#

  @Test func readsTheWhenOfALogLine() {
    #expect(lastWhen(Self.sample) == "2021-08-05 00:00:00.033")
  }

  @Test(arguments: [
    (#"{"text":"a","when":"W1"}"#, "W1"),
    (#"{ "pid" : 1 , "when" : "W2" , "ok" : true }"#, "W2"),
    (#"{"when":"W3","when":"W4"}"#, "W4"),
    (#"{"n":-0.5e+3,"m":0,"k":12E-1,"t":true,"f":false,"z":null,"when":"W5"}"#, "W5"),
    (#"{"when":""}"#, ""),
  ])
  func keysInAnyOrderAndTheLastWhenCounts(line: String, expected: String) {
    #expect(lastWhen(line) == expected)
  }

  @Test(arguments: [
    // `when` inside another value, or as part of a longer key, or as a value.
    #"{"text":"when: 2021-08-05 00:00:00"}"#, #"{"whence":"2021-08-05 00:00:00"}"#,
    #"{"text":"when","pid":"1"}"#, #"{"Wh":"x","when ":"2021-08-05 00:00:00"}"#,
    #"{"when":1}"#, #"{"pid":"1"}"#, "{}", "{ }",
  ])
  func anotherFieldIsNoWhen(line: String) {
    #expect(lastWhen(line) == nil)
  }

  @Test(arguments: [
    // Escapes, tabs, control bytes and bytes outside ASCII, in values, keys and between them.
    #"{"when":"W","text":"say \"hi\""}"#, #"{"when":"W","text":"a\nb"}"#,
    #"{"when":"W","te\u0078t":"a"}"#, "{\"when\":\"W\",\t\"pid\":\"1\"}",
    "{\"when\":\"W\",\"text\":\"a\u{1}b\"}", "{\"when\":\"W\",\"text\":\"caf\u{e9}\"}",
    "{\"when\":\"W\"}\r", "{\"when\":\"W\"}\n", "{\r\"when\":\"W\"}",
    // Not a flat object, or not JSON.
    #"{"when":"W","nested":{"a":1}}"#, #"{"when":"W","list":[1]}"#, #"{"when":"W"} x"#,
    #"{"when":"W",}"#, #"{"when":"W" "pid":"1"}"#, #"{"when":"W","n":01}"#,
    #"{"when":"W","n":1.}"#, #"{"when":"W","n":-}"#, #"{"when":"W","n":1e}"#,
    #"{"when":"W","t":tru}"#, #"{"when":"W","t":fals}"#, #"{"when":"W","t":nul}"#,
    #"{"when":"W","t":True}"#, #"{"when":"W","t":falsy}"#, #"{"when":"W","t":"x"y}"#,
    #"{when:"W"}"#, #"{"when"="W"}"#, #"{"when":'W'}"#, #"{"when":"W"}}"#,
  ])
  func aLineThatIsNotPlainAndFlatIsRefused(line: String) {
    #expect(lastWhen(line) == nil, "\(line)")
  }

  @Test func everyTruncationIsRefused() {
    let bytes = Array(Self.sample.utf8)
    for length in 1..<bytes.count {
      #expect(lastWhen(Array(bytes[..<length])) == nil, "\(length)")
    }
  }

  /// An unplain byte or a quote at every offset of a long string, so in every lane of the
  /// vector steps, in a last block that is not whole, and in a later block than the first.
  @Test func aStopByteAtAnyOffsetOfALongValueIsSeen() {
    let prefix = Array(#"{"when":"W","text":""#.utf8)
    for length in 0..<150 {
      for stop: UInt8 in [0x5C, 0x00, 0x09, 0x1F, 0x80, 0xFF, 0x22] {
        var bytes = prefix + Array(repeating: UInt8(ascii: "a"), count: length)
        let inner = bytes.count
        bytes += Array(repeating: UInt8(ascii: "b"), count: 9) + Array(#""}"#.utf8)
        #expect(lastWhen(bytes) == "W", "\(length)")
        for offset in [inner - length, inner, inner + 8] where offset >= prefix.count {
          var broken = bytes
          broken[offset] = stop
          #expect(lastWhen(broken) == nil, "\(length) \(offset) \(stop)")
        }
      }
    }
  }

  /// Every byte value in every lane of two blocks and a partial third: the vector masks must
  /// class it as the byte-at-a-time reader does.
  @Test func everyByteValueInAStringIsClassedAlike() {
    let prefix = Array(#"{"when":"W","text":""#.utf8)
    let body = [UInt8](repeating: UInt8(ascii: "a"), count: 150)
    let line = prefix + body + Array(#""}"#.utf8)
    for value in 0...255 {
      let isPlain = value >= 0x20 && value < 0x80 && value != 0x5C && value != 0x22
      for offset in prefix.count..<(prefix.count + body.count) {
        var changed = line
        changed[offset] = UInt8(value)
        #expect((lastWhen(changed) == "W") == isPlain, "\(value) at \(offset)")
      }
    }
  }

  /// Whatever the scanner accepts, Foundation's parse reads the same way (the fast path's
  /// contract), for single-byte changes of a log line.
  @Test func whateverItAcceptsTheFullParseReadsAlike() {
    let bytes = Array(Self.sample.utf8)
    for offset in bytes.indices {
      for replacement in [0x20, 0x22, 0x2C, 0x3A, 0x7D, 0x5C, 0x31] as [UInt8] {
        var changed = bytes
        changed[offset] = replacement
        changed.withUnsafeBytes { buffer in
          guard let fast = StructuredLogLine.jsonTimestamp(buffer) else { return }
          #expect(StructuredLogLine.parse(buffer)?.timestamp == fast, "\(offset) \(replacement)")
        }
      }
    }
  }
}
