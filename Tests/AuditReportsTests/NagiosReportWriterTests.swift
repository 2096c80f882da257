import AuditReports
import BackupAudit
import Testing

@Test func nagiosReportMatchesItsSnapshot() throws {
  try expectSnapshot(
    try NagiosReportWriter().rendered(ReportFixtures.report()), named: "report.nagios.txt")
}

/// The status word is the state the exit status gives, whatever the summary's word.
@Test(arguments: [(0, "OK"), (1, "WARNING"), (2, "CRITICAL"), (3, "UNKNOWN")] as [(Int32, String)])
func nagiosStatusWordMatchesTheExitCode(exitCode: Int32, word: String) throws {
  var result = ReportFixtures.result()
  result.summary.exitCode = exitCode
  let output = NagiosOutput(try NagiosReportWriter().rendered(ReportFixtures.report(result)))
  #expect(output.problems == [])
  #expect(output.state == word)
}

@Test func nagiosOutputFollowsThePluginGuidelines() throws {
  let report = ReportFixtures.report()
  let output = NagiosOutput(try NagiosReportWriter().rendered(report))
  #expect(output.problems == [])
  #expect(output.state == "CRITICAL")
  #expect(
    output.summary.hasPrefix("4 sessions (1 consistent, 1 degraded, 1 inconsistent, 1 unknown)"))
  let perfdata = Dictionary(uniqueKeysWithValues: output.perfdata.map { ($0.label, $0) })
  #expect(perfdata["sessions"]?.value == "4")
  #expect(perfdata["findings_critical"]?.fields == ["1", "", "0", "0"])
  #expect(perfdata["findings_warning"]?.fields == ["1", "0", "", "0"])
  // The report time is four days after the first session; the quiesce session a day later.
  let age = Double(report.generatedAt - report.result.sessions[1].start) / 1000
  #expect(perfdata["last_consistent_age"]?.value == "\(age)s")
  #expect(perfdata["last_consistent_age"]?.fields.dropFirst(2).first == "93600")
  #expect(perfdata["freeze_master"]?.fields == ["812.345s", "480", "600", "0"])
  #expect(perfdata["freeze_shard1"]?.value == "U")
  #expect(output.longOutput.count == report.result.findings.count)
  #expect(output.longOutput.map { $0.prefix { $0 != " " } } == ["CRITICAL", "UNKNOWN", "WARNING"])
}

@Test func nagiosPerfdataOmitsTheWarningThresholdWhenOnlyCriticalFails() throws {
  var report = ReportFixtures.report()
  report.result.configuration.failOn = .critical
  let output = NagiosOutput(try NagiosReportWriter().rendered(report))
  let warning = output.perfdata.first { $0.label == "findings_warning" }
  #expect(warning?.fields == ["1", "", "", "0"])
}

@Test func nagiosPerfdataSaysUndeterminedWithoutConsistentSession() throws {
  var result = ReportFixtures.result()
  result.summary.lastConsistentSession = nil
  result.configuration.rpoMilliseconds = nil
  let output = NagiosOutput(try NagiosReportWriter().rendered(ReportFixtures.report(result)))
  #expect(output.problems == [])
  #expect(
    output.perfdata.first { $0.label == "last_consistent_age" }?.fields == ["U", "", "", "0"])
}

/// Rejects outputs that break the guidelines, so that its passing means something.
@Test(arguments: [
  "IRIS BACKUP OK - fine\n",
  "IRIS BACKUP OK - fine | a=1 | b=2\n",
  "IRIS BACKUP FINE - fine | a=1\n",
  "IRIS BACKUP OK - fine | a b=1\n",
  "IRIS BACKUP OK - fine | 'a'b'=1\n",
  "IRIS BACKUP OK - fine | a=1x2\n",
  "IRIS BACKUP OK - fine | a=1;2;3;4;5;6\n",
  "IRIS BACKUP OK - fine | a=1\nCRITICAL x | y\n",
])
func nagiosCheckerRejectsInvalidOutput(text: String) throws {
  #expect(NagiosOutput(text).problems.isEmpty == false)
}
