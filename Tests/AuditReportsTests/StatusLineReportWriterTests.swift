import AuditReports
import BackupAudit
import Testing

struct StatusLineReportWriterTests {
  @Test func namesTheWorstFindingOfTheLastSession() throws {
    let line = try StatusLineReportWriter().rendered(ReportFixtures.report())
    let result = ReportFixtures.result()
    let worst = try #require(result.findings.first { $0.severity == .critical })
    #expect(line.hasPrefix("CRITICAL \(result.sessions.last!.id): \(worst.rule.rawValue)"))
    #expect(line.hasSuffix("(+\(result.findings.count - 1) more)\n"))
    #expect(line.split(separator: "\n").count == 1)
  }

  @Test func hostileTextStaysOnOneInertLine() throws {
    var result = ReportFixtures.result(findings: [])
    result.findings = [ReportFixtures.result().findings[0]]
    result.findings[0].severity = .critical
    result.findings[0].server = "mas\u{1B}[2Jter\nnext"
    result.findings[0].message = "frozen \u{1B}]0;title\u{7} 812 s"
    result.summary.status = .critical
    let line = try StatusLineReportWriter().rendered(ReportFixtures.report(result))
    #expect(line.filter { $0 == "\n" }.count == 1)
    #expect(!line.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x7 })
    #expect(line.contains(#"on mas\u{1B}[2Jter\u{A}next: frozen \u{1B}]0;title\u{7} 812 s"#))
  }

  @Test func aCleanSessionSaysItsMembersAndLongestHold() throws {
    var result = ReportFixtures.result(findings: [])
    result.summary.status = .ok
    let session = try #require(result.sessions.last)
    let line = try StatusLineReportWriter().rendered(ReportFixtures.report(result))
    #expect(line.hasPrefix("OK \(session.id): \(session.verdict.rawValue), "))
    #expect(line.contains("\(session.members.count) member"))
  }
}
