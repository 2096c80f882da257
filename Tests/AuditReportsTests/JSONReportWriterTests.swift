@testable import AuditReports
import BackupAudit
import Testing

@Test func jsonReportMatchesItsSnapshot() throws {
  try expectSnapshot(try JSONReportWriter().rendered(ReportFixtures.report()), named: "report.json")
}

@Test func jsonReportIsDeterministic() throws {
  let writer = JSONReportWriter()
  let first = try writer.rendered(ReportFixtures.report())
  for _ in 0..<5 { #expect(try writer.rendered(ReportFixtures.report()) == first) }
  #expect(first.hasSuffix("}\n"))
}

/// The field names of SPEC §7, level by level: renaming one breaks scripts.
@Test func jsonReportHasEverySpecifiedField() throws {
  let json = try JSONValue.parse(try JSONReportWriter().rendered(ReportFixtures.report()))
  let top = try #require(json.objectKeys)
  #expect(
    top.isSuperset(of: [
      "schema_version", "tool", "config", "inputs", "servers", "sessions", "findings", "summary",
    ]))
  #expect(json["tool"]?.objectKeys == ["name", "version"])
  #expect(
    json["inputs"]?[0]?.objectKeys?.isSuperset(of: [
      "server", "path", "bytes", "sha256", "first_time", "last_time", "entries", "unparsed_lines",
    ]) == true)
  #expect(
    json["servers"]?[0]?.objectKeys?.isSuperset(of: ["name", "timezone", "from", "to"]) == true)
  let session = try #require(json["sessions"]?[0])
  #expect(
    session.objectKeys?.isSuperset(of: [
      "id", "kind", "start", "end", "checkpoint", "verdict", "members",
    ]) == true)
  #expect(
    session["members"]?[0]?.objectKeys?.isSuperset(of: [
      "server", "freeze_begin", "frozen", "thaw_begin", "thawed", "quiesced", "resumed",
      "duration_seconds", "journal_file",
    ]) == true)
  #expect(
    json["findings"]?[0]?.objectKeys
      == ["rule", "severity", "server", "session", "time", "message", "evidence"])
  #expect(json["findings"]?[0]?["evidence"]?[0]?.objectKeys == ["path", "line", "text"])
  #expect(
    json["summary"]?.objectKeys == [
      "status", "exit_code", "sessions", "findings_by_severity", "last_consistent_session",
    ])
}

@Test func jsonReportWritesValuesAsSpecified() throws {
  let json = try JSONValue.parse(try JSONReportWriter().rendered(ReportFixtures.report()))
  #expect(json["schema_version"] == .string(JSONReportWriter.schemaVersion))
  #expect(json["generated_at"] == .string("2021-08-15T03:49:43.233Z"))
  #expect(json["config"]?["freeze_timeout_seconds"] == .integer(600))
  #expect(json["config"]?["rpo_seconds"] == .integer(93_600))
  #expect(json["config"]?["until"] == .null)
  #expect(json["config"]?["restored_servers"] == .object(["restore1": .string("master")]))
  #expect(json["inputs"]?[0]?["sha256"] == .string(String(repeating: "ab", count: 32)))
  #expect(json["inputs"]?[1]?["sha256"] == .null, "no digest given: null, never made up")
  #expect(json["inputs"]?[3]?["first_time"] == .null)
  let member = json["sessions"]?[0]?["members"]?[0]
  #expect(member?["freeze_begin"] == .string("2021-08-11T03:49:43.233Z"))
  #expect(member?["duration_seconds"] == .number(812.345))
  #expect(member?["quiesced"] == .null)
  #expect(json["sessions"]?[0]?["members"]?[1]?["clock_offset_ms"] == .integer(250))
  #expect(json["sessions"]?[1]?["checkpoint"] == .null)
  #expect(json["findings"]?[2]?["session"] == .null)
  #expect(json["findings"]?[2]?["evidence"] == .array([]))
  #expect(json["summary"]?["exit_code"] == .integer(2))
}

@Test func findingsBySeverityAlwaysListsEverySeverity() throws {
  var result = ReportFixtures.result(findings: [])
  result.summary = AuditSummary(
    status: .ok, exitCode: 0, sessions: 4, findingsBySeverity: [:], lastConsistentSession: nil)
  let json = try JSONValue.parse(try JSONReportWriter().rendered(ReportFixtures.report(result)))
  #expect(
    json["summary"]?["findings_by_severity"]
      == .object(["warning": .integer(0), "critical": .integer(0), "unknown": .integer(0)]))
  #expect(json["summary"]?["last_consistent_session"] == .null)
}

@Test func durationsLoseFloatingPointNoise() throws {
  var result = ReportFixtures.result()
  result.sessions[0].members[0].durationSeconds = 0.1 + 0.2
  let json = try JSONValue.parse(try JSONReportWriter().rendered(ReportFixtures.report(result)))
  #expect(json["sessions"]?[0]?["members"]?[0]?["duration_seconds"] == .number(0.3))
}

@Test func nonFiniteNumbersAreAReportError() {
  var result = ReportFixtures.result()
  result.configuration.nearTimeoutFraction = .nan
  #expect {
    try JSONReportWriter().rendered(ReportFixtures.report(result))
  } throws: { error in
    guard case .unencodable(let format, _)? = error as? ReportError else { return false }
    return format == "json"
  }
}

/// The sessions and findings are written one batch at a time, each encoded alone and indented
/// to its place: the bytes must be those of the whole document encoded at once, for a report
/// with none, one, and more than a batch of them, and for hostile text.
@Test(arguments: [0, 1, 2, 130])
func streamedArraysGiveTheBytesOfTheWholeDocument(days: Int) throws {
  let writer = JSONReportWriter()
  let report =
    days == 0
    ? ReportFixtures.report(ReportFixtures.result(findings: []))
    : LongPeriodFixture.report(days: days, servers: 3)
  let streamed = String(decoding: try writer.renderedBytes(report), as: UTF8.self)
  #expect(streamed == (try writer.renderedWhole(report)))
  #expect(try writer.rendered(report) == streamed)
  if days == 130 { #expect(report.result.sessions.count > SortedJSON.batchSize) }
}

@Test func streamedArraysKeepHostileText() throws {
  let writer = JSONReportWriter()
  // Log text that spells a placeholder, escaped or with real NULs, and the keys around it.
  let spelled = [
    "\"sessions\" : \"\\u0000sessions\\u0000\"\n  \"findings\" : ",
    "\n  \"sessions\" : \"\u{0}sessions\u{0}\"", "\u{0}findings\u{0}",
  ]
  for report in [hostileMarkupReport()] + spelled.map(LongPeriodFixture.hostileReport) {
    let streamed = String(decoding: try writer.renderedBytes(report), as: UTF8.self)
    #expect(streamed == (try writer.renderedWhole(report)))
  }
}
