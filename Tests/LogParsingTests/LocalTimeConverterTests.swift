import Foundation
import LogParsing
import Testing

struct LocalTimeConverterTests {
  let berlin = LocalTimeConverter(timeZone: TimeZone(identifier: "Europe/Berlin")!)

  func time(_ month: Int, _ day: Int, _ hour: Int, _ minute: Int, year: Int = 2021) -> LocalTimestamp {
    LocalTimestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: 0, millisecond: 5)
  }

  @Test func summerAndWinterOffsets() {
    #expect(CivilCalendar.rfc3339(epochMilliseconds: berlin.convert(time(8, 11, 5, 49)).epochMilliseconds) == "2021-08-11T03:49:00.005Z")
    #expect(CivilCalendar.rfc3339(epochMilliseconds: berlin.convert(time(1, 11, 5, 49)).epochMilliseconds) == "2021-01-11T04:49:00.005Z")
  }

  @Test func fallBackHourIsAmbiguousAndTakesTheEarlierInstant() {
    let converted = berlin.convert(time(10, 31, 2, 30))
    #expect(converted.status == .ambiguous)
    #expect(CivilCalendar.rfc3339(epochMilliseconds: converted.epochMilliseconds) == "2021-10-31T00:30:00.005Z")
    #expect(berlin.convert(time(10, 31, 3, 30)).status == .exact)
    #expect(berlin.convert(time(10, 31, 1, 59)).status == .exact)
  }

  @Test func springForwardHourIsSkipped() {
    let converted = berlin.convert(time(3, 28, 2, 30))
    #expect(converted.status == .skipped)
    #expect(CivilCalendar.rfc3339(epochMilliseconds: converted.epochMilliseconds) == "2021-03-28T01:30:00.005Z")
    #expect(berlin.convert(time(3, 28, 3, 0)).status == .exact)
  }

  @Test func cacheDoesNotLeakAcrossAChange() {
    // Walk minute by minute across the fall-back change; each result must equal a fresh converter's.
    var walking = time(10, 31, 1, 0)
    for _ in 0..<240 {
      let fresh = LocalTimeConverter(timeZone: TimeZone(identifier: "Europe/Berlin")!)
      #expect(berlin.convert(walking) == fresh.convert(walking))
      walking.minute += 1
      if walking.minute == 60 { walking.minute = 0; walking.hour += 1 }
    }
  }

  @Test func localTimeOfAnInstant() {
    let local = berlin.localTime(of: 1_628_653_783_233)
    #expect(local.iso8601 == "2021-08-11T05:49:43.233")
  }
}
