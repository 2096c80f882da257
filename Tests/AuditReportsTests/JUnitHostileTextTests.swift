import AuditReports
import Testing

/// Hostile log text keeps the document well-formed XML 1.0 with the clean report's elements and
/// counts; what a consumer reads back is the text with its controls shown as escapes.
@Test func junitHostileTextStaysWellFormedAndInert() throws {
  let clean = try XMLElementTree.parse(try JUnitReportWriter().rendered(ReportFixtures.report()))
  let text = try JUnitReportWriter().rendered(hostileMarkupReport())
  let hostile = try XMLElementTree.parse(text)
  #expect(hostile.allNames == clean.allNames)
  for count in ["tests", "failures", "errors", "skipped"] {
    #expect(hostile.attributes[count] == clean.attributes[count])
  }
  // No character XML 1.0 forbids, and no raw line break inside an attribute value.
  #expect(
    !text.unicodeScalars.contains {
      ($0.value < 0x20 && $0 != "\n") || $0.value == 0xFFFE || $0.value == 0xFFFF
    })
  let failure = try #require(
    hostile.elements("testsuite").first?.elements("testcase")
      .first { !$0.elements("failure").isEmpty }?.elements("failure").first)
  let message = try #require(failure.attributes["message"])
  #expect(message.hasPrefix(#"frozen 812.345 s, timeout 600 s 08/11/21-05:49:43:233 (1) 0"#))
  #expect(message.contains(#""quoted" \back\slash\ \u{0} nul \u{7} bell \u{1B}[31mred"#))
  #expect(message.contains("'single' = $x$"))
  #expect(message.contains(#"\u{D}\u{A}second line\ttab </script><script>alert(1)</script> ]]>"#))
  #expect(message.contains(#"<b>&amp; \u{202E}reversed\u{202C}"#))
  #expect(message.contains(#"\u{FFFE}\u{FFFF}"#))
  let lines = failure.text.split(separator: "\n")
  #expect(lines.count == 3)
  #expect(lines[1].contains("</script><script>alert(1)</script> ]]> | pipe | `tick`"))
}
