import LogParsing
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
