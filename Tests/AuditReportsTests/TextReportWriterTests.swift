import AuditReports
import BackupAudit
import Testing

@Test func textReportMatchesItsSnapshot() throws {
  try expectSnapshot(try TextReportWriter().rendered(ReportFixtures.report()), named: "report.txt")
}

@Test func colouredTextReportMatchesItsSnapshot() throws {
  let text = try TextReportWriter(usesColours: true).rendered(ReportFixtures.report())
  try expectSnapshot(text, named: "report-colours.txt")
  #expect(text.contains("\u{1B}[31m"))
}

@Test func textReportHasNoColoursUnlessAsked() throws {
  let text = try TextReportWriter().rendered(ReportFixtures.report())
  #expect(!text.contains("\u{1B}"))
}

@Test func textReportPutsSessionsFirstThenFindingsWorstFirstThenTheSummary() throws {
  let lines = try TextReportWriter().rendered(ReportFixtures.report())
    .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let sessions = try #require(lines.firstIndex(of: "sessions (4)"))
  let critical = try #require(lines.firstIndex(of: "critical (1)"))
  let unknown = try #require(lines.firstIndex(of: "unknown (1)"))
  let warning = try #require(lines.firstIndex(of: "warning (1)"))
  #expect(sessions < critical && critical < unknown && unknown < warning)
  #expect(lines[sessions + 1].hasSuffix("inconsistent"))
  #expect(lines[sessions + 1].contains("checkpoint 1042"))
  #expect(lines[sessions + 1].contains("master,shard1"))
  #expect(lines.last == "")
  let summary = lines[lines.count - 2]
  #expect(summary.hasPrefix("critical · exit 2 · 4 sessions"))
  #expect(summary.hasSuffix("last consistent: 20210812T035000Z-cluster-quiesce"))
}

@Test func textReportOfACleanAuditSaysSo() throws {
  var result = ReportFixtures.result(findings: [])
  result.sessions = []
  result.summary = AuditSummary(
    status: .ok, exitCode: 0, sessions: 0, findingsBySeverity: [:], lastConsistentSession: nil)
  let text = try TextReportWriter().rendered(ReportFixtures.report(result))
  #expect(text.contains("sessions (0)\n  none\n"))
  #expect(text.contains("findings: none\n"))
  #expect(
    text.hasSuffix(
      "ok · exit 0 · 0 sessions · findings: 0 critical, 0 unknown, 0 warning · "
        + "last consistent: none\n"))
}

@Test func longEvidenceLinesAreCutInText() throws {
  var result = ReportFixtures.result()
  result.findings[0].evidence[0].text = String(repeating: "x", count: 10_000)
  let text = try TextReportWriter().rendered(ReportFixtures.report(result))
  #expect(text.contains(String(repeating: "x", count: 240) + "… (9760 more characters)"))
  #expect(!text.contains(String(repeating: "x", count: 241)))
}

@Test func everyFormatHasItsWriter() {
  #expect(ReportFormat.text.writer() is TextReportWriter)
  #expect(ReportFormat.json.writer() is JSONReportWriter)
  #expect(ReportFormat.markdown.writer() is MarkdownReportWriter)
  #expect(ReportFormat.html.writer() is HTMLReportWriter)
  #expect(ReportFormat.junit.writer() is JUnitReportWriter)
  #expect(ReportFormat.sarif.writer() is SARIFReportWriter)
  #expect(ReportFormat.prometheus.writer() is PrometheusReportWriter)
  #expect(ReportFormat.nagios.writer() is NagiosReportWriter)
}
