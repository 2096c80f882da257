import CivilTime
import Testing

/// `LocalTimestamp(iso8601:)` and `CivilCalendar.epochMilliseconds(rfc3339:)` read exactly the
/// forms `iso8601` and `rfc3339(epochMilliseconds:)` write, and nothing else.
struct TimestampParsingTests {
  static let valid = "2021-08-11T05:49:43.233"

  @Test func aTimestampReadsBackFromTheFormItWasWrittenIn() throws {
    let stamp = try #require(LocalTimestamp(iso8601: Self.valid))
    #expect(stamp == LocalTimestamp(year: 2021, month: 8, day: 11, hour: 5, minute: 49, second: 43, millisecond: 233))
    // Every day of a leap year and a common one, at the first and last millisecond.
    for year in [2024, 2025] {
      var instant = CivilCalendar.epochMilliseconds(rfc3339: "\(year)-01-01T00:00:00.000Z")!
      let end = CivilCalendar.epochMilliseconds(rfc3339: "\(year + 1)-01-01T00:00:00.000Z")!
      var days = 0
      while instant < end {
        for moment in [instant, instant + 86_399_999] {
          let text = CivilCalendar.rfc3339(epochMilliseconds: moment)
          #expect(CivilCalendar.epochMilliseconds(rfc3339: text) == moment, "\(text)")
          let local = try #require(LocalTimestamp(iso8601: String(text.dropLast())))
          #expect(local.iso8601 == String(text.dropLast()))
        }
        instant += 86_400_000
        days += 1
      }
      #expect(days == (year == 2024 ? 366 : 365))
    }
  }

  @Test func anythingButTheShapeIsRefused() {
    let bytes = Array(Self.valid.utf8)
    for index in bytes.indices {
      for replacement in ["x", "/", " ", "0", "-", ":", "T", "."] {
        var changed = bytes
        changed[index] = Array(replacement.utf8)[0]
        let text = String(decoding: changed, as: UTF8.self)
        let isDigit = bytes[index] >= 0x30 && bytes[index] <= 0x39
        // A digit changed into another digit may still be a valid timestamp.
        if isDigit && replacement == "0" { continue }
        if changed == bytes { continue }
        #expect(LocalTimestamp(iso8601: text) == nil, "\(text)")
        #expect(CivilCalendar.epochMilliseconds(rfc3339: text + "Z") == nil, "\(text)Z")
      }
    }
    for text in [
      "", "2021-08-11T05:49:43", "2021-08-11T05:49:43.2330", "2021-08-11T05:49:43.233Z",
      " 2021-08-11T05:49:43.233", "2021-8-11T05:49:43.2333", "２021-08-11T05:49:43.233",
    ] {
      #expect(LocalTimestamp(iso8601: text) == nil, "\(text)")
    }
    #expect(CivilCalendar.epochMilliseconds(rfc3339: Self.valid) == nil, "no zone")
    #expect(CivilCalendar.epochMilliseconds(rfc3339: Self.valid + "z") == nil)
    #expect(CivilCalendar.epochMilliseconds(rfc3339: Self.valid + "ZZ") == nil)
  }

  @Test(arguments: [
    "2021-02-29T00:00:00.000", "2024-02-30T00:00:00.000", "2021-13-01T00:00:00.000",
    "2021-00-01T00:00:00.000", "2021-01-00T00:00:00.000", "2021-01-01T24:00:00.000",
    "2021-01-01T00:60:00.000", "2021-01-01T00:00:61.000",
  ])
  func aDateOrTimeThatDoesNotExistIsRefused(text: String) {
    #expect(LocalTimestamp(iso8601: text) == nil)
    #expect(CivilCalendar.epochMilliseconds(rfc3339: text + "Z") == nil)
  }
}
