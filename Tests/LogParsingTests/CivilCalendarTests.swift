import LogParsing
import Testing

struct CivilCalendarTests {
  @Test(arguments: [
    (Int64(0), "1970-01-01T00:00:00.000Z"), (1_628_660_983_233, "2021-08-11T05:49:43.233Z"),
    (951_782_400_000, "2000-02-29T00:00:00.000Z"), (-1, "1969-12-31T23:59:59.999Z"),
    (4_102_444_800_000, "2100-01-01T00:00:00.000Z"),
  ])
  func formatsRFC3339(milliseconds: Int64, expected: String) {
    #expect(CivilCalendar.rfc3339(epochMilliseconds: milliseconds) == expected)
  }

  @Test func daysRoundTripOverFourCenturies() {
    for days in stride(from: Int64(-146_097), through: 146_097 * 2, by: 37) {
      let date = CivilCalendar.date(daysSinceEpoch: days)
      #expect(CivilCalendar.daysSinceEpoch(year: date.year, month: date.month, day: date.day) == days)
    }
  }

  @Test func leapYears() {
    #expect(CivilCalendar.isLeap(2000))
    #expect(!CivilCalendar.isLeap(2100))
    #expect(CivilCalendar.isLeap(2024))
    #expect(CivilCalendar.daysIn(month: 2, year: 2023) == 28)
  }
}
