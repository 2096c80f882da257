import AuditReports
import BackupAudit
import Testing

@Test func sarifReportMatchesItsSnapshot() throws {
  try expectSnapshot(
    try SARIFReportWriter().rendered(ReportFixtures.report()), named: "report.sarif")
}

/// What SARIF 2.1.0 requires of a log, and what code-scanning consumers read: the version, one
/// run whose driver has a name and the rule catalogue, and per result a rule id, a level, a
/// message text and the evidence as a physical location.
@Test func sarifReportHasTheStructureVersion210Requires() throws {
  let report = ReportFixtures.report()
  let log = try JSONValue.parse(try SARIFReportWriter().rendered(report))
  #expect(log["version"] == .string("2.1.0"))
  #expect(log["$schema"]?.stringValue?.hasSuffix("sarif-2.1.0.json") == true)
  let runs = try #require(log["runs"]?.arrayValue)
  #expect(runs.count == 1)
  let driver = try #require(runs[0]["tool"]?["driver"])
  #expect(driver["name"] == .string("iris-backup-audit"))
  #expect(driver["version"] == .string("0.1.0"))
  let rules = try #require(driver["rules"]?.arrayValue)
  #expect(rules.compactMap { $0["id"]?.stringValue } == Auditor.ruleDescriptions.map(\.id.rawValue))
  #expect(rules.allSatisfy { $0["shortDescription"]?["text"]?.stringValue?.isEmpty == false })
  let results = try #require(runs[0]["results"]?.arrayValue)
  let findings = report.result.findings
  #expect(results.count == findings.count)
  for (result, finding) in zip(results, findings) {
    #expect(result["ruleId"] == .string(finding.rule.rawValue))
    #expect(result["message"]?["text"] == .string(finding.message))
    let index = try #require(Auditor.ruleDescriptions.firstIndex { $0.id == finding.rule })
    #expect(result["ruleIndex"] == .integer(Int64(index)))
    let location = result["locations"]?[0]?["physicalLocation"]
    #expect(location?["artifactLocation"]?["uri"]?.stringValue == finding.evidence.first?.path)
    #expect(
      location?["region"]?["startLine"] == finding.evidence.first.map { .integer(Int64($0.line)) })
    #expect(location?["region"]?["snippet"]?["text"]?.stringValue == finding.evidence.first?.text)
  }
  #expect(results.map { $0["level"]?.stringValue } == ["error", "warning", "note"])
}

@Test func sarifKeepsFurtherEvidenceAsRelatedLocationsAndInputsAsArtifacts() throws {
  let report = ReportFixtures.report()
  let run = try #require(try JSONValue.parse(try SARIFReportWriter().rendered(report))["runs"]?[0])
  let related = try #require(run["results"]?[0]?["relatedLocations"]?.arrayValue)
  #expect(related.count == 1)
  #expect(related[0]["physicalLocation"]?["region"]?["startLine"] == .integer(131))
  #expect(related[0]["physicalLocation"]?["artifactLocation"]?["index"] == .integer(0))
  #expect(run["results"]?[2]?["locations"] == nil)
  let artifacts = try #require(run["artifacts"]?.arrayValue)
  #expect(artifacts.count == report.result.inputs.count)
  #expect(artifacts[0]["hashes"]?["sha-256"] == .string(String(repeating: "ab", count: 32)))
  #expect(artifacts[1]["hashes"] == nil)
  #expect(artifacts[1]["length"] == .integer(9_120))
  #expect(run["invocations"]?[0]?["exitCode"] == .integer(2))
  #expect(run["invocations"]?[0]?["endTimeUtc"] == .string("2021-08-15T03:49:43.233Z"))
}

@Test(arguments: [
  ("cluster/master/messages.log", "cluster/master/messages.log"),
  ("/var/log/iris/messages.log", "file:///var/log/iris/messages.log"),
  ("logs/a b|c\"d%.log", "logs/a%20b%7Cc%22d%25.log"),
  ("C:\\IRIS\\mgr\\messages.log", "C%3A%5CIRIS%5Cmgr%5Cmessages.log"),
  ("logs/ünï.log", "logs/%C3%BCn%C3%AF.log"),
])
func sarifLocationsAreURIReferences(path: String, uri: String) throws {
  var result = ReportFixtures.result()
  result.findings[0].evidence[0].path = path
  let log = try JSONValue.parse(try SARIFReportWriter().rendered(ReportFixtures.report(result)))
  let location = log["runs"]?[0]?["results"]?[0]?["locations"]?[0]?["physicalLocation"]
  #expect(location?["artifactLocation"]?["uri"] == .string(uri))
}
