import AuditReports
import BackupAudit
import Testing

@Test func junitReportMatchesItsSnapshot() throws {
  try expectSnapshot(
    try JUnitReportWriter().rendered(ReportFixtures.report()), named: "report.junit.xml")
}

/// The rules a session's members are checked against: all but the schedule's.
private let episodeRuleCount = Auditor.rules.filter { !type(of: $0).runsOnVerdicts }.count

/// An XML parser reads the report, and every count agrees with the cases it holds and with the
/// findings: a failure per critical or warning finding, an error per unknown one.
@Test func junitReportParsesWithConsistentCounts() throws {
  let report = ReportFixtures.report()
  let root = try XMLElementTree.parse(try JUnitReportWriter().rendered(report))
  #expect(root.name == "testsuites")
  let suites = root.elements("testsuite")
  #expect(suites.map { $0.attributes["name"] } == report.result.sessions.map(\.id) + ["audit"])
  for suite in suites {
    let cases = suite.elements("testcase")
    #expect(suite.integer("tests") == cases.count)
    #expect(suite.integer("failures") == cases.filter { !$0.elements("failure").isEmpty }.count)
    #expect(suite.integer("errors") == cases.filter { !$0.elements("error").isEmpty }.count)
    #expect(suite.integer("skipped") == cases.filter { !$0.elements("skipped").isEmpty }.count)
    #expect(cases.allSatisfy { $0.children.count <= 1 })
  }
  let findings = report.result.findings
  #expect(root.integer("failures") == findings.filter { $0.severity != .unknown }.count)
  #expect(root.integer("errors") == findings.filter { $0.severity == .unknown }.count)
  #expect(root.integer("tests") == suites.reduce(0) { $0 + $1.elements("testcase").count })
  // A case per member and check: shard1 has no episode in the checkpoint session but a
  // finding there; the audit suite checks each server's evidence and the RPO.
  let members = [2, 2, 1, 0]
  for (suite, count) in zip(suites, members) {
    #expect(suite.integer("tests") == count * episodeRuleCount)
  }
  #expect(suites.last?.integer("tests") == report.result.servers.count + 1)
}

@Test func junitFailureCarriesRuleMessageAndEvidence() throws {
  let root = try XMLElementTree.parse(try JUnitReportWriter().rendered(ReportFixtures.report()))
  let freeze = try #require(root.elements("testsuite").first)
  let failed = freeze.elements("testcase").filter { !$0.elements("failure").isEmpty }
  #expect(failed.count == 1)
  let testcase = try #require(failed.first)
  #expect(testcase.attributes["classname"] == "20210811T034943Z-cluster-freeze.master")
  #expect(testcase.attributes["name"] == "freeze-timeout-exceeded")
  let failure = try #require(testcase.elements("failure").first)
  #expect(failure.attributes["type"] == "freeze-timeout-exceeded")
  #expect(failure.attributes["message"] == "frozen 812.345 s, timeout 600 s")
  let lines = failure.text.split(separator: "\n").map(String.init)
  #expect(lines.count == 3)
  #expect(lines[0].hasPrefix("critical at 2021-08-11T03:49:43.233Z, server master, session "))
  #expect(lines[1].hasPrefix("cluster/master/messages.log:120: 08/11/21-05:49:43:233 (18374)"))
  #expect(freeze.elements("properties").first?.elements("property").count == 6)
}

@Test func junitReportsUnknownFindingsAsErrorsAndSkipsTheRPOWithoutOne() throws {
  var result = ReportFixtures.result()
  result.configuration.rpoMilliseconds = nil
  let root = try XMLElementTree.parse(
    try JUnitReportWriter().rendered(ReportFixtures.report(result)))
  let audit = try #require(root.elements("testsuite").last)
  let errored = audit.elements("testcase").filter { !$0.elements("error").isEmpty }
  #expect(errored.map { $0.attributes["classname"] } == ["audit.shard2"])
  #expect(errored.first?.elements("error").first?.attributes["type"] == "insufficient-evidence")
  let rpo = try #require(
    audit.elements("testcase").first { $0.attributes["name"] == "rpo-exceeded" })
  #expect(rpo.elements("skipped").first?.attributes["message"] == "no rpo configured")
  #expect(audit.integer("skipped") == 1)
}

/// Schedule findings go to the audit suite even when they name a session; a finding for a case
/// that already failed gets a case of its own.
@Test func junitPutsScheduleFindingsInTheAuditSuiteAndNeverTwoOutcomesInOneCase() throws {
  var findings = ReportFixtures.findings()
  var rpo = findings[1]
  rpo.rule = .rpoExceeded
  rpo.severity = .critical
  rpo.server = nil
  rpo.session = "20210812T035000Z-cluster-quiesce"
  var again = findings[2]
  again.message = "shard2 has no log entries"
  findings += [rpo, again]
  let report = ReportFixtures.report(ReportFixtures.result(findings: findings))
  let root = try XMLElementTree.parse(try JUnitReportWriter().rendered(report))
  let suites = root.elements("testsuite")
  #expect(suites[1].integer("failures") == 0)
  let audit = try #require(suites.last)
  let names = audit.elements("testcase").map {
    "\($0.attributes["classname"] ?? "")/\($0.attributes["name"] ?? "")"
  }
  #expect(names.filter { $0.hasPrefix("audit.shard2/insufficient-evidence") }.count == 2)
  #expect(names.last == "audit.shard2/insufficient-evidence (2)")
  #expect(Set(names).count == names.count)
  #expect(audit.integer("failures") == 1)
  #expect(audit.integer("errors") == 2)
  #expect(root.integer("failures") == 3)
}
