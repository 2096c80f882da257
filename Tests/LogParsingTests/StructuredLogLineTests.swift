@testable import LogParsing
import Testing

struct StructuredLogLineTests {
  func parse(_ text: String) -> StructuredLogLine? {
    Array(text.utf8).withUnsafeBytes { StructuredLogLine.parse($0) }
  }

  @Test func nameValuePairs() throws {
    let line = try #require(parse(
      #"when="2019-08-01 18:43:02.216" pid=8240 level=SEVERE event=Utility.Event text="Backup.General.ExternalThaw: Failed to resume system: \"busy\"""#))
    #expect(line.layout == .structuredPairs)
    #expect(line.timestamp == LocalTimestamp(year: 2019, month: 8, day: 1, hour: 18, minute: 43, second: 2, millisecond: 216))
    #expect(line.pid == 8240)
    #expect(line.severity == 2)
    #expect(line.category == "Utility.Event")
    #expect(line.text == #"Backup.General.ExternalThaw: Failed to resume system: "busy""#)
  }

  @Test func json() throws {
    let line = try #require(parse(
      #"{ "when": "2019-08-01 18:43:02.216", "pid": "8540", "level": "WARNING", "event": "Generic.Event", "text": "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE\nJournaling switched to: /j/20190801.002"}"#))
    #expect(line.layout == .structuredJSON)
    #expect(line.pid == 8540)
    #expect(line.severity == 1)
    #expect(line.text == "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE\nJournaling switched to: /j/20190801.002")
  }

  @Test(arguments: [
    #"when="2019-13-01 18:43:02.216" pid=1 level=INFO event=E text="x""#,
    #"when="2019-08-01 18:43:02.216" pid=1 text="unterminated"#, #"{ "pid": "1" }"#, "{ not json",
    "whenever", "",
  ])
  func rejectsBrokenLines(text: String) {
    #expect(parse(text) == nil)
  }
}

/// The name/value form's one tokeniser, which `parse` and `pairsTimestamp` share.
struct NameValueTokeniserTests {
  /// Each field as `name=value` (`name="value"` when quoted, escapes as written), then
  /// `malformed` if the tokeniser stopped on a broken field.
  func fields(_ text: String) -> [String] {
    Array(text.utf8).withUnsafeBytes { line in
      var tokeniser = NameValueTokeniser(line)
      var found: [String] = []
      while let field = tokeniser.next() {
        let name = String(decoding: line[field.name], as: UTF8.self)
        let value = String(decoding: line[field.value], as: UTF8.self)
        found.append(field.isQuoted ? "\(name)=\"\(value)\"" : "\(name)=\(value)")
      }
      if tokeniser.isMalformed { found.append("malformed") }
      return found
    }
  }

  @Test(arguments: [
    ("", []),
    ("   ", []),
    (#"a=1 b="two words""#, ["a=1", #"b="two words""#]),
    (#"  a=1   b=2  "#, ["a=1", "b=2"]),
    (#"a="x"b=2"#, [#"a="x""#, "b=2"]),
    (#"a= b="""#, ["a=", #"b="""#]),
    (#"a="say \"hi\"" b=2"#, [#"a="say \"hi\"""#, "b=2"]),
    (#"a="ends in \\" b=2"#, [#"a="ends in \\""#, "b=2"]),
    (#"a=x\y"#, [#"a=x\y"#]),
    (#"a=1 =2"#, ["a=1", "malformed"]),
    (#"a=1 b"#, ["a=1", "malformed"]),
    (#"a=1 b c=3"#, ["a=1", "malformed"]),
    (#"a=1 b="open"#, ["a=1", "malformed"]),
    (#"a="escaped end\""#, ["malformed"]),
    (#"a="trailing backslash\"#, ["malformed"]),
  ])
  func splitsFields(line: String, expected: [String]) {
    #expect(fields(line) == expected, "\(line)")
  }

  @Test func unescapesQuotedValues() {
    let value = Array(#"tab\tnew\nreturn\rquote\"slash\\other\x"#.utf8)
    let unescaped = value.withUnsafeBytes { NameValueTokeniser.unescaped($0) }
    #expect(String(decoding: unescaped, as: UTF8.self) == "tab\tnew\nreturn\rquote\"slash\\otherx")
  }
}

struct NameValueParseTests {
  func parse(_ text: String) -> StructuredLogLine? {
    Array(text.utf8).withUnsafeBytes { StructuredLogLine.parse($0) }
  }

  @Test func theLastOfANameCountsAndEscapesAreUndoneInQuotesOnly() throws {
    let line = try #require(parse(
      #"when="2019-08-01 18:43:02.216" pid=1 pid=2 event=A\B text="a\tb\nc""#))
    #expect(line.pid == 2)
    #expect(line.category == #"A\B"#)
    #expect(line.text == "a\tb\nc")
  }

  @Test func theFastReaderReadsTheSameWhenAsTheFullParse() throws {
    let text = #"when="2019-08-01 18:43:02.216" pid=1 when=2020-01-02T03:04:05.6 text="x""#
    let bytes = Array(text.utf8)
    let fast = try #require(bytes.withUnsafeBytes { StructuredLogLine.pairsTimestamp($0) })
    #expect(fast == LocalTimestamp(year: 2020, month: 1, day: 2, hour: 3, minute: 4, second: 5, millisecond: 600))
    #expect(parse(text)?.timestamp == fast)
  }

  @Test(arguments: [
    #"when="2019-08-01 18:43:02.216" text="open"#, #"when="2019-08-01 18:43:02.216" =1"#,
    #"when="2019-08-01 18:43:02.216" bare"#,
  ])
  func aMalformedFieldAnywhereRejectsTheLine(text: String) {
    #expect(parse(text) == nil)
    #expect(Array(text.utf8).withUnsafeBytes { StructuredLogLine.pairsTimestamp($0) } == nil)
  }
}

/// Issue 13: the JSON form's fast timestamp reader vouches only for lines the full parser
/// reads the same way.
struct StructuredJSONTimestampTests {
  static let lines = [
    #"{ "when": "2019-08-01 18:43:02.216", "pid": "8540", "level": "SEVERE", "event": "Utility.Event", "text": "x"}"#,
    #"{"when":"2019-08-01 18:43:02.216","pid":8540,"n":-1.5e3,"ok":true,"no":false,"z":null}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "when": "2020-01-02 03:04:05.678"}"#,
    #"{ "text": "a", "when": "2019-08-01T18:43:02.2"}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "text": "say \"hi\""}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "text": "café"}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "nested": {"a": 1}}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "list": [1, 2]}"#,
    #"{ "when": "2019-08-01 18:43:02.216" } trailing"#,
    #"{ "when": "2019-08-01 18:43:02.216", }"#,
    #"{ "when": "2019-08-01 18:43:02.216" "pid": "1"}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "n": 01}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "n": 1.}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "n": -}"#,
    #"{ "when": "2019-13-01 18:43:02.216"}"#,
    #"{ "when": 20190801}"#,
    #"{ "pid": "1"}"#,
    #"{}"#,
    #"{ "when": "2019-08-01 18:43:02.216", "t": tru}"#,
    "{ \"when\": \"2019-08-01 18:43:02.216\",\t\"pid\": \"1\"}",
    "{ \"when\": \"2019-08-01 18:43:02.216\", \"text\": \"a\u{1}b\"}",
    #"{ "when": "2019-08-01 18:43:02.216""#,
  ]

  @Test(arguments: lines)
  func theFastReaderAgreesWithTheFullParse(line: String) {
    let bytes = Array(line.utf8)
    let fast = bytes.withUnsafeBytes { StructuredLogLine.jsonTimestamp($0) }
    let full = bytes.withUnsafeBytes { StructuredLogLine.parse($0) }
    if let fast {
      #expect(full?.timestamp == fast, "\(line)")
    }
    // Plain, strictly valid and flat: the fast reader must take it (or the fast path never
    // runs). Foundation also takes some lines JSON does not allow (a trailing comma): those go
    // the slow way.
    if Self.lines.prefix(4).contains(line) {
      #expect(fast != nil, "\(line)")
    }
  }
}

/// Issue 13: `parseWhen` reads words at fixed offsets; it must read every byte as the plain
/// definition does.
struct ParseWhenTests {
  /// The definition: digits and separators at their offsets, then `.` or `,` and digits.
  static func reference(_ bytes: [UInt8]) -> LocalTimestamp? {
    guard bytes.count >= 19, bytes[4] == 0x2D, bytes[7] == 0x2D,
      bytes[10] == 0x20 || bytes[10] == UInt8(ascii: "T"), bytes[13] == 0x3A, bytes[16] == 0x3A
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        guard bytes[index] >= 0x30 && bytes[index] <= 0x39 else { return nil }
        value = value * 10 + Int(bytes[index] - 0x30)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
    else { return nil }
    var millisecond = 0
    if bytes.count > 19 {
      guard bytes[19] == UInt8(ascii: ".") || bytes[19] == UInt8(ascii: ","), bytes.count > 20,
        let fraction = number(20..<bytes.count)
      else { return nil }
      let digits = Array(bytes[20...].prefix(3))
      millisecond = digits.reduce(0) { $0 * 10 + Int($1 - 0x30) }
        * [1, 100, 10, 1][digits.count]
      _ = fraction
    }
    return LocalTimestamp(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      millisecond: millisecond)
  }

  @Test(arguments: ["2019-08-01 18:43:02.216", "2020-01-02T03:04:05", "1999-12-31 23:59:60,5"])
  func everyByteAnywhereIsReadAsTheDefinitionReadsIt(text: String) {
    let bytes = Array(text.utf8)
    for offset in bytes.indices {
      for value in 0...255 {
        var changed = bytes
        changed[offset] = UInt8(value)
        let read = changed.withUnsafeBytes { StructuredLogLine.parseWhen($0) }
        #expect(read == Self.reference(changed), "\(value) at \(offset)")
      }
    }
    for length in 0...bytes.count {
      let cut = Array(bytes[..<length])
      #expect(cut.withUnsafeBytes { StructuredLogLine.parseWhen($0) } == Self.reference(cut))
    }
  }
}
