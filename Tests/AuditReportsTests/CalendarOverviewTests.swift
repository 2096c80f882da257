import AuditReports
import BackupAudit
import Foundation
import Testing

/// The calendar of a long period: a cell per day, coloured and linked by the day's worst
/// session, gaps for days without one, and links that all land somewhere.
struct CalendarOverviewTests {
  let report = LongPeriodFixture.report()

  /// The UTC date of `instant`, `2021-08-05`.
  static func date(_ instant: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withFullDate]
    return formatter.string(from: Date(timeIntervalSince1970: Double(instant) / 1_000))
  }

  func calendar(_ tree: HTMLTree) throws -> HTMLTree {
    try #require(tree.elements("svg").first { $0.classes == ["calendar"] })
  }

  @Test func aLongPeriodHasACalendarInsteadOfTheStrip() throws {
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    _ = try calendar(tree)
    #expect(!tree.elements("svg").contains { $0.classes == ["timeline", "overview"] })
    // The fixture's month-long audit keeps its strip and has no calendar.
    let short = try #require(
      HTMLTree.parse(try HTMLReportWriter().rendered(ReportFixtures.report())))
    #expect(!short.elements("svg").contains { $0.classes == ["calendar"] })
    #expect(short.elements("svg").contains { $0.classes == ["timeline", "overview"] })
  }

  @Test func everyDayOfThePeriodHasOneCellWithItsDateAndItsWorstSession() throws {
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    let cells = try calendar(tree).elements("title").map(\.text)
    let sessions = report.result.sessions
    let first = Self.date(sessions[0].start - 3_600_000)
    let byDate = Dictionary(grouping: sessions) { Self.date($0.start) }
    #expect(cells.first?.hasPrefix(first) == true)
    #expect(cells.count == Set(cells.map { $0.prefix(10) }).count)
    let dates = cells.map { String($0.prefix(10)) }
    #expect(dates == dates.sorted())
    for title in cells {
      let day = byDate[String(title.prefix(10))] ?? []
      if day.isEmpty {
        #expect(title.hasSuffix(": no session"), "\(title)")
      }
      for session in day {
        #expect(title.contains("\(session.id) \(session.verdict.rawValue)"), "\(title)")
      }
    }
    let gaps = try calendar(tree).elements("rect").filter { $0.classes == ["day", "gap"] }
    #expect(gaps.count == cells.filter { $0.hasSuffix(": no session") }.count)
    #expect(!gaps.isEmpty)
    #expect(gaps.allSatisfy { $0.ancestor("a") == nil })
  }

  @Test func aDayLinksToItsWorstSessionDrawnByItsVerdict() throws {
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    let links = try calendar(tree).elements("a")
    let byDate = Dictionary(grouping: report.result.sessions) { Self.date($0.start) }
    #expect(links.count == byDate.count)
    let order: [Verdict] = [.consistent, .inProgress, .degraded, .unknown, .inconsistent]
    for link in links {
      let title = try #require(link.elements("title").first?.text)
      let day = try #require(byDate[String(title.prefix(10))])
      let worst = try #require(
        day.map(\.verdict).max { order.firstIndex(of: $0)! < order.firstIndex(of: $1)! })
      let target = try #require(day.first { $0.verdict == worst })
      #expect(link.attributes["href"] == "#session-" + target.id)
      let drawn = link.all.dropFirst().first
      #expect(
        drawn?.classes
          == (worst == .consistent ? ["day", "consistent"] : ["mark", worst.rawValue]))
    }
    #expect(links.contains { $0.elements("g").first?.classes == ["mark", "inconsistent"] })
    #expect(links.contains { $0.elements("g").first?.classes == ["mark", "degraded"] })
  }

  @Test(arguments: ReportDetail.allCases)
  func everyLinkToASessionLandsOnAnElement(detail: ReportDetail) throws {
    var report = report
    report.detail = detail
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    let ids = Set(tree.all.compactMap { $0.attributes["id"] })
    let targets = tree.elements("a").compactMap { $0.attributes["href"] }
      .filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
    #expect(!targets.isEmpty)
    for target in Set(targets) { #expect(ids.contains(target), "\(target)") }
    #expect(ids.count == tree.all.compactMap { $0.attributes["id"] }.count, "ids are unique")
  }

  @Test func consistentSessionsAreDrawnOnlyWithDetailAll() throws {
    let sessions = report.result.sessions
    let drawn = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
      .elements("details").compactMap { $0.attributes["id"] }
    #expect(drawn == sessions.filter { $0.verdict != .consistent }.map { "session-" + $0.id })
    var all = report
    all.detail = .all
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(all)))
    let details = tree.elements("details")
    #expect(details.map { $0.attributes["id"] } == sessions.map { "session-" + $0.id })
    #expect(
      details.map { $0.attributes["open"] != nil } == sessions.map { $0.verdict != .consistent })
    // Either way every session keeps its row in the table of sessions.
    let rows = tree.elements("table").first { $0.classes == ["sessions"] }?.elements("tr")
    #expect(rows.map { $0.count - 1 } == sessions.count)
  }

  @Test func theMembersOfASixteenServerSessionAreOneRange() throws {
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    let row = try #require(
      tree.elements("table").first { $0.classes == ["sessions"] }?.elements("tr").dropFirst().first)
    #expect(row.elements("td")[4].text == "master, shard1–shard15")
  }

  @Test func theMonthsTableCountsEachMonthsSessionsByVerdict() throws {
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    let table = try #require(tree.elements("table").first { $0.classes == ["months"] })
    let header = table.elements("th").map(\.text)
    let rows = table.elements("tr").dropFirst().map {
      $0.elements("td").map { $0.text.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
    let byMonth = Dictionary(grouping: report.result.sessions) {
      String(Self.date($0.start).prefix(7))
    }
    #expect(rows.map { $0[0] } == byMonth.keys.sorted())
    for row in rows {
      let sessions = byMonth[row[0]] ?? []
      #expect(row[1] == "\(sessions.count)")
      for verdict in Verdict.allCases {
        let column = try #require(header.firstIndex(of: verdict.rawValue))
        let count = sessions.filter { $0.verdict == verdict }.count
        #expect(row[column].hasPrefix("\(count)"), "\(row[0]) \(verdict)")
      }
      let restores = sessions.reduce(0) { $0 + $1.restoreTests.count }
      #expect(row[header.count - 2] == "\(restores)")
      let longest = sessions.flatMap(\.members).compactMap { member in
        member.thawed.flatMap { thawed in member.freezeBegin.map { thawed - $0 } }
      }.max()
      let seconds = longest.map { Double($0) / 1_000 }
      #expect(
        seconds.map { row[header.count - 1].hasPrefix("\($0) s") } ?? (row.last == "–"), "\(row)")
    }
  }

  @Test func aConsistentSessionThatAFindingNamesIsDrawnOpenAndItsMembersListed() throws {
    var report = report
    let target = try #require(
      report.result.sessions.dropFirst(3).first { $0.verdict == .consistent })
    report.result.findings.append(
      Finding(
        rule: .rpoExceeded, severity: .critical, server: nil, session: target.id,
        epochMilliseconds: target.start, message: "no consistent backup for 50 h", evidence: []))
    let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
    let details = try #require(
      tree.elements("details").first { $0.attributes["id"] == "session-" + target.id })
    #expect(details.attributes["open"] != nil)
    let markdown = try MarkdownReportWriter().rendered(report)
    let members = markdown.components(separatedBy: "### Members")[1].components(
      separatedBy: "## Findings")[0]
    #expect(members.contains("| \(target.id) | master |"))
  }
}
