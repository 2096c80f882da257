import AuditReports
import BackupAudit
import Testing

/// A log line that tries to break every format: quotes, backslashes, control characters
/// (escape sequences, NUL, CR, bell), markup, CDATA ends, pipes, backticks, bidirectional
/// overrides and a line separator.
let hostileText =
  "08/11/21-05:49:43:233 (1) 0 [Utility.Event] \"quoted\" \\back\\slash\\ \u{0} nul \u{7} bell "
  + "\u{1B}[31mred\u{1B}[0m \r\nsecond line\ttab </script><script>alert(1)</script> ]]> "
  + "| pipe | `tick` <b>&amp; \u{202E}reversed\u{202C} \u{2028}sep \u{7F}del \u{85}nel"

private func hostileReport() -> AuditReport {
  var result = ReportFixtures.result()
  result.findings[0].evidence[0].text = hostileText
  result.findings[0].evidence[0].path = "logs/\"odd\" | name\n.log"
  result.findings[0].message = "frozen 812 s \u{1B}]0;title\u{7}, timeout 600 s"
  result.findings[0].server = "mas\u{1B}[2Jter"
  return ReportFixtures.report(result)
}

@Test func jsonKeepsHostileTextExactlyAndEscaped() throws {
  let text = try JSONReportWriter().rendered(hostileReport())
  let json = try JSONValue.parse(text)
  let evidence = json["findings"]?[0]?["evidence"]?[0]
  #expect(evidence?["text"] == .string(hostileText))
  #expect(evidence?["path"] == .string("logs/\"odd\" | name\n.log"))
  #expect(json["findings"]?[0]?["server"] == .string("mas\u{1B}[2Jter"))
  // No raw control character survives: JSON strings escape every one below U+0020.
  #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  #expect(text.contains(#"\"quoted\" \\back\\slash\\ \u0000 nul \u0007 bell"#))
  #expect(try JSONSchemaTestsSupport.isValid(text))
}

@Test func textShowsHostileTextAsInertEscapes() throws {
  let text = try TextReportWriter().rendered(hostileReport())
  #expect(!text.unicodeScalars.contains { TerminalTextProbe.isUnsafe($0) && $0 != "\n" })
  #expect(!text.contains("\u{1B}"))
  // The evidence stays on one line, its escapes visible.
  let line = try #require(text.split(separator: "\n").first { $0.contains("second line") })
  #expect(line.contains(#"\u{0} nul \u{7} bell \u{1B}[31mred\u{1B}[0m \u{D}\u{A}second line\ttab"#))
  #expect(line.contains("</script><script>alert(1)</script> ]]> | pipe | `tick`"))
  #expect(line.contains(#"\u{202E}reversed\u{202C} \u{2028}sep \u{7F}del \u{85}nel"#))
  #expect(line.contains(#"logs/"odd" | name\u{A}.log:120: "#))
  #expect(text.contains(#"  freeze-timeout-exceeded  mas\u{1B}[2Jter  frozen"#))
  #expect(text.contains(#"frozen 812 s \u{1B}]0;title\u{7}, timeout 600 s"#))
}

/// Mirrors the text writer's rule for what a terminal must never receive raw.
enum TerminalTextProbe {
  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F, 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF:
      true
    default: false
    }
  }
}
