import AuditReports
import BackupAudit
import Foundation
import Ink
import Testing

/// The Markdown report's text form of the calendar and the months, and its members table
/// limited to the sessions that need attention.
struct MarkdownCalendarTests {
  let report = LongPeriodFixture.report()

  func lines(_ report: AuditReport) throws -> [String] {
    try MarkdownReportWriter().rendered(report).split(
      separator: "\n", omittingEmptySubsequences: false
    )
    .map(String.init)
  }

  /// The rows of the table right after the line `heading` (and one paragraph, when it has one).
  func table(after heading: String, in lines: [String]) throws -> [[String]] {
    let start = try #require(lines.firstIndex(of: heading))
    let rows = lines[(start + 1)...].drop { !$0.hasPrefix("|") }.prefix { $0.hasPrefix("|") }
    return rows.dropFirst(2).map { row in
      row.dropFirst(2).dropLast(2).components(separatedBy: " | ")
    }
  }

  @Test func aLongPeriodHasTheCalendarAndTheMonthsAndAShortOneNeither() throws {
    let long = try lines(report)
    #expect(long.contains("## Calendar") && long.contains("## Months"))
    let short = try lines(ReportFixtures.report())
    #expect(!short.contains("## Calendar") && !short.contains("## Months"))
  }

  @Test func eachDayHasTheSymbolOfItsWorstSessionUnderItsWeekday() throws {
    let rows = try table(after: "## Calendar", in: try lines(report))
    var symbols: [String: String] = [:]
    for row in rows {
      let monday = try #require(ISO8601DateFormatter().date(from: row[0] + "T00:00:00Z"))
      for (offset, symbol) in row.dropFirst().enumerated() where !symbol.isEmpty {
        symbols[
          CalendarOverviewTests.date(
            Int64(monday.timeIntervalSince1970 * 1_000) + Int64(offset) * 86_400_000)] = symbol
      }
    }
    let byDate = Dictionary(grouping: report.result.sessions) {
      CalendarOverviewTests.date($0.start)
    }
    let mark: [Verdict: String] = [
      .consistent: "✓", .degraded: "!", .inconsistent: "✕", .unknown: "?", .inProgress: "◷",
    ]
    let days = LongPeriodFixture.report().result.servers[0]
    let first = try #require(days.from)
    let last = try #require(days.to)
    for instant in stride(from: first, through: last, by: 86_400_000) {
      let date = CalendarOverviewTests.date(instant)
      let verdicts = Set(byDate[date]?.map(\.verdict) ?? [])
      let worst = [Verdict.inconsistent, .unknown, .degraded, .inProgress, .consistent].first {
        verdicts.contains($0)
      }
      #expect(symbols[date] == worst.map { mark[$0]! } ?? "·", "\(date)")
    }
    #expect(symbols.count == Set(symbols.keys).count)
    #expect(rows.allSatisfy { $0.count == 8 })
  }

  @Test func theMonthsTableAddsUpToEverySession() throws {
    let rows = try table(after: "## Months", in: try lines(report))
    #expect(rows.reduce(0) { $0 + (Int($1[1]) ?? -1_000) } == report.result.sessions.count)
    for row in rows {
      #expect(row[2..<7].reduce(0) { $0 + (Int($1) ?? -1_000) } == Int(row[1]))
    }
  }

  @Test(arguments: ReportDetail.allCases)
  func membersAreListedForTheSessionsTheDetailSpellsOut(detail: ReportDetail) throws {
    var report = report
    report.detail = detail
    let rows = try table(after: "### Members", in: try lines(report))
    let spelt = report.result.sessions.filter { detail == .all || $0.verdict != .consistent }
    #expect(
      rows.map { $0[0] } == spelt.flatMap { session in session.members.map { _ in session.id } })
    let sessions = try table(
      after: "## Sessions (\(report.result.sessions.count))", in: try lines(report))
    #expect(sessions.count == report.result.sessions.count)
    #expect(sessions.allSatisfy { $0[6] == "master, shard1–shard15" })
  }

  @Test func inkReadsTheCalendarAndTheMonthsAsTables() throws {
    let markdown = try MarkdownReportWriter().rendered(report)
    let html = MarkdownParser().html(from: markdown)
    let weeks = try table(after: "## Calendar", in: try lines(report)).count
    let months = try table(after: "## Months", in: try lines(report)).count
    #expect(html.contains("<h2>Calendar</h2>"))
    let tables = html.components(separatedBy: "<table>").dropFirst()
    #expect(tables.contains { MarkupProbe.count("<tr>", in: $0) == weeks + 1 })
    #expect(tables.contains { MarkupProbe.count("<tr>", in: $0) == months + 1 })
  }
}
