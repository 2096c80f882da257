/// A wall-clock time as a log writes it: no zone, millisecond precision.
public struct LocalTimestamp: Sendable, Hashable, Comparable, Codable {
  public var year: Int
  /// 1...12 when valid.
  public var month: Int
  /// 1...days in the month when valid.
  public var day: Int
  public var hour: Int
  public var minute: Int
  public var second: Int
  public var millisecond: Int

  /// Creates a timestamp; check `isValid` before trusting it.
  public init(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int = 0
  ) {
    self.year = year
    self.month = month
    self.day = day
    self.hour = hour
    self.minute = minute
    self.second = second
    self.millisecond = millisecond
  }

  /// True when every field is in range for a real calendar date (leap years included).
  public var isValid: Bool {
    (1...12).contains(month) && day >= 1 && day <= CivilCalendar.daysIn(month: month, year: year)
      && (0...23).contains(hour) && (0...59).contains(minute) && (0...60).contains(second)
      && (0...999).contains(millisecond)
  }

  /// Seconds since 1970-01-01T00:00:00 of this wall time read as if it were UTC.
  public var secondsAsIfUTC: Int64 {
    let days = CivilCalendar.daysSinceEpoch(year: year, month: month, day: day)
    return days * 86_400 + Int64(hour * 3600 + minute * 60 + second)
  }

  /// ISO 8601 without a zone, as written: `2021-08-11T05:49:43.233`.
  public var iso8601: String {
    CivilCalendar.format(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
      millisecond: millisecond)
  }

  public static func < (left: LocalTimestamp, right: LocalTimestamp) -> Bool {
    (left.secondsAsIfUTC, left.millisecond) < (right.secondsAsIfUTC, right.millisecond)
  }
}
