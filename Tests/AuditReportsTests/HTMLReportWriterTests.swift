import AuditReports
import BackupAudit
import Foundation
import Testing

@Test func htmlReportMatchesItsSnapshot() throws {
  try expectSnapshot(try HTMLReportWriter().rendered(ReportFixtures.report()), named: "report.html")
}

@Test func htmlReportIsOneSelfContainedDocumentWithoutScript() throws {
  let html = try HTMLReportWriter().rendered(ReportFixtures.report())
  #expect(html.hasPrefix("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\""))
  #expect(html.hasSuffix("</html>\n"))
  for forbidden in ["<script", "<link", "<img", "<iframe", " src=", "url(", "@import"] {
    #expect(!html.lowercased().contains(forbidden), "\(forbidden)")
  }
  // The only addresses are the XHTML and SVG namespaces, which are names, not requests.
  let addresses = html.components(separatedBy: "http").dropFirst().map { $0.prefix(30) }
  #expect(
    addresses.allSatisfy {
      $0.hasPrefix("://www.w3.org/1999/xhtml\"") || $0.hasPrefix("://www.w3.org/2000/svg\"")
    })
  let tree = try #require(HTMLTree.parse(html))
  #expect(tree.name == "html")
  #expect(tree.elements("style").count == 1)
}

@Test func htmlReportHasTheMarkdownReportsContent() throws {
  let report = ReportFixtures.report()
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let text = tree.text
  for expected in [
    "CRITICAL", "exit code 2", "iris-backup-audit 0.1.0", "2021-08-15T03:49:43.233Z",
    "20210812T035000Z-cluster-quiesce", "600 s (10 min)", "93,600 s (1 d 2 h)",
    "restore1 (copy of master)", "1 ✕ critical", "1 ? unknown", "1 ! warning",
    "restore-tested on restore1 (snapshot of master), recovered at 2021-08-11T04:49:43.233Z",
    String(repeating: "ab", count: 32), "permission denied", "12 duplicate entries",
    "40,960 decoded",
  ] {
    #expect(text.contains(expected), "\(expected)")
  }
  // Every session is a row of the table, with its verdict.
  let rows = tree.elements("table").first { $0.classes.contains("sessions") }?.elements("tr")
  #expect(
    rows?.dropFirst().map(\.classes)
      == report.result.sessions.map { ["verdict", $0.verdict.rawValue] })
  // Two inputs have a digest, three are not computed.
  #expect(tree.elements("code").filter { $0.classes.contains("hash") }.count == 2)
  #expect(text.components(separatedBy: "not computed").count - 1 == 3)
  // Findings are grouped worst first, each with its evidence as path:line and the line.
  let articles = tree.elements("article")
  #expect(articles.map { $0.classes.last } == ["critical", "unknown", "warning"])
  let evidence = articles[0].elements("li")
  #expect(
    evidence.map { $0.elements("code")[0].text } == [
      "cluster/master/messages.log:120", "cluster/master/messages.log:131",
    ])
  #expect(evidence[0].elements("pre")[0].text == report.result.findings[0].evidence[0].text)
}

@Test func htmlReportIsTheSameForTheSameReport() throws {
  let first = try HTMLReportWriter().rendered(ReportFixtures.report())
  let second = try HTMLReportWriter().rendered(ReportFixtures.report())
  #expect(first == second)
}

@Test func sessionTimelineDrawsFreezesToScale() throws {
  var result = ReportFixtures.result()
  let start = ReportFixtures.start
  for (index, seconds) in [100_000, 25_000].enumerated() {
    result.sessions[0].members[index].freezeBegin = start + Int64(index) * 500
    result.sessions[0].members[index].thawBegin = start + Int64(seconds) - 400
    result.sessions[0].members[index].thawed = start + Int64(index) * 500 + Int64(seconds)
  }
  result.sessions[0].end = start + 100_000
  let tree = try #require(
    HTMLTree.parse(try HTMLReportWriter().rendered(ReportFixtures.report(result))))
  let timeline = try #require(sessionTimeline(tree, result.sessions[0].id))
  let bars = timeline.elements("rect").filter { $0.classes.first == "freeze" }
  #expect(bars.map { $0.attributes["data-server"] } == ["master", "shard1"])
  let widths = bars.compactMap { $0.number("width") }
  #expect(widths.count == 2)
  #expect(abs(widths[0] / widths[1] - 4) < 0.001)
  // The second bar starts half a second of the first's 100 s later: 1/200 of its width.
  let xs = bars.compactMap { $0.number("x") }
  #expect(abs((xs[1] - xs[0]) / widths[0] - 0.005) < 0.0002)
}

@Test func freezeTimeoutIsALimitLineAtTheTimeoutAfterEachFreezeBegan() throws {
  let report = ReportFixtures.report()
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let timeline = try #require(sessionTimeline(tree, report.result.sessions[0].id))
  let master = try #require(
    timeline.elements("rect").first {
      $0.classes.first == "freeze" && $0.attributes["data-server"] == "master"
    })
  let limits = timeline.elements("line").filter { $0.classes == ["limit"] }
  // Both members froze; the master's freeze (812.345 s) ran past the 600 s timeout.
  #expect(limits.count == 2)
  let x = try #require(master.number("x"))
  let width = try #require(master.number("width"))
  let limitX = try #require(limits[0].number("x1"))
  #expect(abs((limitX - x) / width - 600 / 812.345) < 0.001)
  #expect(timeline.elements("line").filter { $0.classes == ["near-limit"] }.count == 2)
}

@Test func everyFindingWithASessionIsMarkedOnItsTimeline() throws {
  let report = ReportFixtures.report()
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  for (index, finding) in report.result.findings.enumerated() {
    let marks = tree.elements("a").filter { $0.attributes["href"] == "#finding-\(index + 1)" }
      .filter { $0.ancestor("svg")?.classes == ["timeline", "session"] }
    let timelines = marks.compactMap { $0.ancestor("details")?.attributes["id"] }
    #expect(timelines == finding.session.map { ["session-" + $0] } ?? [], "\(finding.rule)")
    // The mark's shape and colour say the severity, its tooltip says what was found.
    let mark = marks.first?.elements("g").first
    #expect(mark.map { $0.classes == ["mark", finding.severity.rawValue] } ?? true)
    #expect(mark.map { $0.elements("title")[0].text.contains(finding.message) } ?? true)
  }
}

@Test func overviewMarksEverySessionByItsVerdict() throws {
  let report = ReportFixtures.report()
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let overview = try #require(
    tree.elements("svg").first { $0.classes == ["timeline", "overview"] })
  let marks = overview.elements("g").filter { $0.classes.first == "mark" }
    .filter { $0.ancestor("a")?.attributes["href"]?.hasPrefix("#session-") == true }
  #expect(marks.map { $0.classes[1] } == report.result.sessions.map(\.verdict.rawValue))
  #expect(
    marks.map { $0.ancestor("a")?.attributes["href"] }
      == report.result.sessions.map { "#session-" + $0.id })
}

@Test func consistentSessionsAreFoldedAndTheOthersOpen() throws {
  let report = ReportFixtures.report(detail: .all)
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let details = tree.elements("details")
  #expect(
    details.map { $0.attributes["open"] != nil }
      == report.result.sessions.map { $0.verdict != .consistent })
}

@Test func htmlReportOfAnEmptyAuditSaysSo() throws {
  var result = ReportFixtures.result(findings: [])
  result.sessions = []
  result.servers = []
  result.inputs = []
  result.summary = AuditSummary(
    status: .ok, exitCode: 0, sessions: 0, findingsBySeverity: [:], lastConsistentSession: nil)
  let tree = try #require(
    HTMLTree.parse(try HTMLReportWriter().rendered(ReportFixtures.report(result))))
  #expect(tree.text.contains("No backup session was found in the logs."))
  #expect(tree.text.contains("No findings: every session is consistent."))
  #expect(tree.text.contains("there is no timeline to draw"))
  #expect(tree.elements("svg").allSatisfy { $0.attributes["class"] == nil })
}

/// The timeline of the session `id`.
func sessionTimeline(_ tree: HTMLTree, _ id: String) -> HTMLTree? {
  tree.elements("details").first { $0.attributes["id"] == "session-" + id }?
    .elements("svg").first { $0.classes == ["timeline", "session"] }
}

@Test func longEvidenceLinesAreCutInHTMLWithACountOfTheRest() throws {
  var result = ReportFixtures.result()
  result.findings[0].evidence[0].text = String(repeating: "x", count: 10_000)
  let tree = try #require(
    HTMLTree.parse(try HTMLReportWriter().rendered(ReportFixtures.report(result))))
  let line = tree.elements("pre")[0].text
  #expect(line == String(repeating: "x", count: 2_000) + "… (8000 more characters)")
}
