import AuditReports
import BackupAudit
import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// The HTML report of a real audit: the bundled month of nightly sessions with every fault
/// (`Samples/faulty-month`), read with the zones and thresholds of its `cluster.toml`.
///
/// With `HTML_PREVIEW=/tmp/report.html` in the environment, the report is also written there
/// (and the fixture's beside it, as `report-fixture.html`) to be looked at in a browser.
private func faultyMonthReport() throws -> AuditReport {
  let zones = [
    "master": "Europe/Berlin", "restore1": "Europe/Berlin", "shard2": "America/New_York",
  ]
  let servers = try ServerDiscovery.discover(paths: [
    EventReading.packagePath("Samples/faulty-month")
  ])
  let readings = ServerLogReader.readAll(servers) { EventReading.options(zones[$0.name] ?? "UTC") }
  var configuration = AuditConfiguration()
  configuration.rpoMilliseconds = 36 * 3_600_000
  configuration.members = ["master", "shard1", "shard2", "shard3"]
  configuration.restoredServers = ["restore1": "master"]
  let result = Auditor(configuration: configuration).audit(readings)
  return AuditReport(
    result: result, toolVersion: "0.1.0", generatedAt: 1_636_502_400_000)
}

@Test func htmlReportOfAMonthShowsEverySessionAndFinding() throws {
  let report = try faultyMonthReport()
  let html = try HTMLReportWriter().rendered(report)
  if let preview = ProcessInfo.processInfo.environment["HTML_PREVIEW"] {
    try html.write(toFile: preview, atomically: true, encoding: .utf8)
    let fixture = try HTMLReportWriter().rendered(ReportFixtures.report())
    let folder = URL(fileURLWithPath: preview).deletingLastPathComponent()
    try fixture.write(
      to: folder.appendingPathComponent("report-fixture.html"), atomically: true, encoding: .utf8)
  }
  let result = report.result
  #expect(result.sessions.count == 42)
  let tree = try #require(HTMLTree.parse(html))
  let overview = try #require(
    tree.elements("svg").first { $0.classes == ["timeline", "overview"] })
  let sessionMarks = overview.elements("g").filter { $0.classes.first == "mark" }
    .filter { $0.ancestor("a")?.attributes["href"]?.hasPrefix("#session-") == true }
  #expect(sessionMarks.count == result.sessions.count)
  for (index, finding) in result.findings.enumerated() {
    guard let session = finding.session else { continue }
    let timeline = try #require(sessionTimeline(tree, session))
    let marks = timeline.elements("a").filter { $0.attributes["href"] == "#finding-\(index + 1)" }
    #expect(marks.count == 1, "\(finding.rule) \(session)")
  }
}

@Test func htmlSessionTimelinesOfAMonthKeepTheirBarsLegible() throws {
  var report = try faultyMonthReport()
  report.detail = .all
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let plotLeft = 150.0
  let plotRight = 1100.0 - 30
  for session in report.result.sessions {
    let timeline = try #require(sessionTimeline(tree, session.id))
    let bars = timeline.elements("rect").filter { $0.attributes["data-server"] != nil }
    for bar in bars {
      let x = try #require(bar.number("x"))
      let width = try #require(bar.number("width"))
      #expect(x >= plotLeft && x + width <= plotRight + 0.01, "\(session.id)")
    }
    // A session's scale is its own: its longest closed window takes a quarter of the plot at
    // least, however short the window and however long the month.
    let closed = bars.filter { $0.classes.contains("closed") }.compactMap { $0.number("width") }
    if let widest = closed.max() {
      #expect(widest >= (plotRight - plotLeft) / 4, "\(session.id): \(widest)")
    }
  }
}
