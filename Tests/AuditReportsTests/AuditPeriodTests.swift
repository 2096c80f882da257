import BackupAudit
import Foundation
import Testing

@testable import AuditReports

struct AuditPeriodTests {
  @Test func weekdaysAgreeWithFoundationsCalendar() {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    for day in stride(from: Int64(-400), through: 20_000, by: 37) {
      let instant = day * AuditPeriod.day + 3_600_000 * (day % 24)
      let date = Date(timeIntervalSince1970: Double(instant) / 1_000)
      // Foundation counts Sunday as 1; the reports count Monday as 0.
      let expected = (calendar.component(.weekday, from: date) + 5) % 7
      #expect(AuditPeriod.weekday(instant) == expected, "\(instant)")
    }
  }

  @Test(arguments: [1, 45, 46, 730])
  func theCalendarTakesOverAfterTheThreshold(days: Int) throws {
    let report = LongPeriodFixture.report(days: days, servers: 2)
    let period = try #require(AuditPeriod(report.result))
    #expect(period.dayCount == days)
    #expect(period.isLong == (days > AuditPeriod.calendarThresholdDays))
    let html = try HTMLReportWriter().rendered(report)
    #expect(html.contains("class=\"calendar\"") == period.isLong)
    #expect(html.contains("class=\"timeline overview\"") == !period.isLong)
  }

  @Test func nothingDatedHasNoPeriod() {
    var result = ReportFixtures.result(findings: [])
    result.sessions = []
    result.servers = []
    #expect(AuditPeriod(result) == nil)
  }
}
