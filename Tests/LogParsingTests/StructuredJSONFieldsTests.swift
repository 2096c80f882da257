@testable import LogParsing
import Testing

/// Issue 13: the JSON form's lines with escapes are read without Foundation, and exactly as
/// Foundation reads them whenever the byte-level reader vouches for one.
struct StructuredJSONFieldsTests {
  static let accepted = [
    #"{ "when": "2021-08-05 00:00:00.044", "pid": "49407", "level": "INFO", "event": "Generic.Event", "text": "Startup of InterSystems IRIS\n        in /usr/irissys/bin/"}"#,
    #"{"when":"W","text":"say \"hi\" \\ \/ \b\f\n\r\t end"}"#,
    #"{"text":"\"when\": \"2020-01-01 00:00:00\"","when":"2021-08-05 00:00:00"}"#,
    #"{"when":"A","when":"B","text":"x\ny","text":"z"}"#,
    #"{  "when"  :  "W"  ,  "text"  :  ""  }  "#,
    #"{"when":"W"}"#,
  ]

  static let refused = [
    #"{"when":"W","text":"\u0041"}"#, #"{"when":"W","text":"\x"}"#, #"{"wh\"en":"W"}"#,
    #"{"when":"W","pid":1}"#, #"{"when":"W","ok":true}"#, #"{"when":"W","n":null}"#,
    "{\"when\":\"W\",\"text\":\"caf\u{e9}\"}", "{\"when\":\"W\",\t\"text\":\"a\"}",
    "{\"when\":\"W\",\"text\":\"a\u{1}b\"}", #"{"when":"W","nested":{"a":"b"}}"#,
    #"{"when":"W","list":["a"]}"#, #"{"when":"W"} x"#, #"{"when":"W",}"#, #"{"when":"W""#,
    #"{"when":"W\"#, #"{"when":"W\n"#, "{}", "{ }", #"{"when" "W"}"#, #"["when","W"]"#, "",
  ]

  func fields(_ line: String) -> (fast: [String: String]?, full: [String: String]?) {
    Array(line.utf8).withUnsafeBytes {
      (StructuredLogLine.escapedJSONFields($0), StructuredLogLine.jsonFields($0))
    }
  }

  @Test(arguments: accepted)
  func readsEscapedLinesAsFoundationDoes(line: String) throws {
    let (fast, full) = fields(line)
    #expect(fast != nil, "\(line)")
    #expect(fast == full, "\(line)")
  }

  @Test(arguments: refused)
  func leavesEveryOtherLineToFoundation(line: String) {
    #expect(fields(line).fast == nil, "\(line)")
  }

  @Test func undoesEveryEscape() throws {
    let line = #"{"when":"W","text":"a\"b\\c\/d\be\ff\ng\rh\ti"}"#
    #expect(fields(line).fast?["text"] == "a\"b\\c/d\u{8}e\u{c}f\ng\rh\ti")
  }

  /// Every truncation and every single-byte change of an escaped log line: whatever the reader
  /// takes, Foundation reads alike.
  @Test func agreesWithFoundationOnEveryChangedLine() {
    let bytes = Array(Self.accepted[0].utf8)
    var variants = (1..<bytes.count).map { Array(bytes[..<$0]) }
    for offset in bytes.indices {
      for replacement in [0x20, 0x22, 0x2C, 0x3A, 0x5C, 0x6E, 0x75, 0x7B, 0x7D] as [UInt8] {
        var changed = bytes
        changed[offset] = replacement
        variants.append(changed)
      }
    }
    for variant in variants {
      variant.withUnsafeBytes { buffer in
        guard let fast = StructuredLogLine.escapedJSONFields(buffer) else { return }
        #expect(StructuredLogLine.jsonFields(buffer) == fast, "\(String(decoding: variant, as: UTF8.self))")
      }
    }
  }
}
