import AuditReports
import BackupAudit
import Foundation
import Testing

@Test func prometheusReportMatchesItsSnapshot() throws {
  try expectSnapshot(
    try PrometheusReportWriter().rendered(ReportFixtures.report()), named: "report.prom")
}

@Test func prometheusReportPassesTheExpositionChecker() throws {
  let checker = PrometheusExpositionChecker(
    try PrometheusReportWriter().rendered(ReportFixtures.report()))
  #expect(checker.problems == [])
  #expect(checker.samples.allSatisfy { $0.name.hasPrefix("iris_backup_audit_") })
}

@Test func prometheusReportCarriesTheAuditsFigures() throws {
  let report = ReportFixtures.report()
  let samples = PrometheusExpositionChecker(try PrometheusReportWriter().rendered(report)).samples
  let value = { (name: String, labels: [String: String]) in
    samples.first { $0.name == "iris_backup_audit_" + name && $0.labels == labels }?.value
  }
  let quiesce = report.result.sessions[1]
  #expect(value("last_consistent_session_timestamp_seconds", [:]) == Double(quiesce.start) / 1000)
  // shard1's latest freeze never thawed: no sample rather than an older one.
  let freezes = samples.filter { $0.name == "iris_backup_audit_freeze_duration_seconds" }
  #expect(freezes.map(\.labels) == [["server": "master"]])
  #expect(freezes.map(\.value) == [812.345])
  #expect(value("findings", ["rule": "freeze-timeout-exceeded", "severity": "critical"]) == 1)
  #expect(value("findings", ["rule": "never-thawed", "severity": "critical"]) == 0)
  let findings = samples.filter { $0.name == "iris_backup_audit_findings" }
  #expect(findings.count == Auditor.ruleDescriptions.count)
  #expect(findings.reduce(0) { $0 + $1.value } == Double(report.result.findings.count))
  #expect(value("exit_code", [:]) == 2)
  #expect(value("status", ["status": "critical"]) == 1)
  #expect(samples.filter { $0.name == "iris_backup_audit_status" }.map(\.value).reduce(0, +) == 1)
  #expect(value("sessions", ["verdict": "consistent"]) == 1)
  #expect(value("report_timestamp_seconds", [:]) == Double(report.generatedAt) / 1000)
  #expect(value("build_info", ["version": "0.1.0"]) == 1)
}

@Test func prometheusReportWithoutConsistentSessionHasNoTimestampSample() throws {
  var result = ReportFixtures.result()
  result.sessions = []
  result.summary.lastConsistentSession = nil
  let text = try PrometheusReportWriter().rendered(ReportFixtures.report(result))
  let checker = PrometheusExpositionChecker(text)
  #expect(checker.problems == [])
  #expect(text.contains("# TYPE iris_backup_audit_last_consistent_session_timestamp_seconds gauge"))
  #expect(!checker.samples.contains { $0.name.contains("last_consistent") })
  #expect(!checker.samples.contains { $0.name == "iris_backup_audit_freeze_duration_seconds" })
}

/// The checker itself rejects what the format forbids, so that its passing means something.
@Test(arguments: [
  "# TYPE a gauge\na 1\n",
  "# HELP a x\na 1\n# TYPE a gauge\n",
  "# HELP a x\n# TYPE a gauge\na 1 1628653783233\n",
  "# HELP a x\n# TYPE a gauge\na{l=\"x\"} 1\na{l=\"x\"} 2\n",
  "# HELP a x\n# TYPE a gauge\na{l=\"\\t\"} 1\n",
  "# HELP a x\n# TYPE a gauge\na{l=\"x} 1\n",
  "# HELP a x\n# TYPE a gauge\na{1l=\"x\"} 1\n",
  "# HELP a-b x\n# TYPE a-b gauge\na-b 1\n",
  "# HELP a x\n# TYPE a gauge\na one\n",
  "# HELP a x\n# TYPE a gauge\n# HELP b x\n# TYPE b gauge\na 1\nb 1\na{l=\"y\"} 1\n",
  "# HELP a x\n# TYPE a gauge\n# TYPE a gauge\na 1\n",
  "# HELP a x\n# TYPE a gauge\na 1",
])
func prometheusCheckerRejectsInvalidExposition(text: String) {
  #expect(!PrometheusExpositionChecker(text).problems.isEmpty)
}

/// `promtool check metrics`, when Prometheus' own checker is installed (`apt-get install
/// prometheus`); the tests never need it.
@Test(.enabled(if: promtool != nil, "promtool is not on PATH"))
func prometheusReportPassesPromtool() throws {
  for report in [ReportFixtures.report(), hostileMarkupReport()] {
    let process = Process()
    process.executableURL = promtool
    process.arguments = ["check", "metrics"]
    let input = Pipe()
    let output = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = output
    try process.run()
    input.fileHandleForWriting.write(Data(try PrometheusReportWriter().rendered(report).utf8))
    try input.fileHandleForWriting.close()
    let said = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    #expect(process.terminationStatus == 0, "promtool: \(said)")
  }
}

/// The `promtool` on PATH, if any.
let promtool: URL? = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
  .map { URL(fileURLWithPath: String($0)).appendingPathComponent("promtool") }
  .first { FileManager.default.isExecutableFile(atPath: $0.path) }
