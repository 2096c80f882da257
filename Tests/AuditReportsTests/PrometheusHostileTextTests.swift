import AuditReports
import Testing

/// Hostile server names pass the exposition checker as label values that read back exactly, on
/// one line each, and add no series.
@Test func prometheusEscapesHostileLabelValues() throws {
  let report = hostileMarkupReport()
  let text = try PrometheusReportWriter().rendered(report)
  let checker = PrometheusExpositionChecker(text)
  #expect(checker.problems == [])
  let clean = PrometheusExpositionChecker(
    try PrometheusReportWriter().rendered(ReportFixtures.report()))
  #expect(checker.samples.count == clean.samples.count)
  let freezes = checker.samples.filter { $0.name == "iris_backup_audit_freeze_duration_seconds" }
  #expect(freezes.map { $0.labels["server"] } == ["master" + markupHostileText])
  #expect(checker.samples.contains { $0.labels["version"] == report.toolVersion })
  #expect(text.contains(#"\"quoted\" \\back\\slash\\ "#))
  #expect(text.contains("\\nsecond line"))
}
