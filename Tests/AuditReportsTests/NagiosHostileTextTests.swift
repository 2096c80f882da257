import AuditReports
import Testing

/// Hostile text can neither start the perfdata nor add a line: the output has the clean report's
/// lines and perfdata, every `|` and control written as a visible escape.
@Test func nagiosHostileTextStaysOnItsLineAndOutOfThePerfdata() throws {
  let clean = NagiosOutput(try NagiosReportWriter().rendered(ReportFixtures.report()))
  let text = try NagiosReportWriter().rendered(hostileMarkupReport())
  let hostile = NagiosOutput(text)
  #expect(hostile.problems == [])
  #expect(hostile.state == clean.state)
  #expect(hostile.longOutput.count == clean.longOutput.count)
  #expect(hostile.perfdata.map(\.fields) == clean.perfdata.map(\.fields))
  #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  let freeze = try #require(hostile.perfdata.first { $0.label.hasPrefix("freeze_master") })
  #expect(freeze.label.contains(#"\u{7C} pipe \u{7C} `tick`"#))
  #expect(freeze.label.contains(#"\u{27}single\u{27} \u{3D} $x$"#))
  #expect(text.split(separator: "\n")[0].contains("'freeze_master08/11/21-05:49:43:233 (1) 0"))
  let line = try #require(hostile.longOutput.first)
  #expect(line.hasPrefix("CRITICAL freeze-timeout-exceeded on master08/11/21"))
  #expect(line.contains(#"\u{1B}[31mred\u{1B}[0m \u{D}\u{A}second line\ttab </script>"#))
  #expect(line.contains("\\u{7C}\u{301}cell"))
}
