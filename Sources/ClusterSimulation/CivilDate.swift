/// A calendar date in the proleptic Gregorian calendar, computed without Foundation so the
/// writer can format timestamps by arithmetic alone.
public struct CivilDate: Sendable, Equatable, Hashable, Comparable, Codable {
  /// The year, e.g. 2021.
  public var year: Int
  /// The month, 1–12.
  public var month: Int
  /// The day of the month, 1–31.
  public var day: Int

  /// Creates a date; the fields are not validated here (see `init?(parsing:)`).
  public init(year: Int, month: Int, day: Int) {
    self.year = year
    self.month = month
    self.day = day
  }

  /// Parses `YYYY-MM-DD`; returns nil for anything else or an impossible date.
  public init?(parsing text: String) {
    let parts = text.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
      let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
      (1...12).contains(month), day >= 1
    else { return nil }
    self.init(year: year, month: month, day: day)
    guard CivilDate(daysSinceEpoch: daysSinceEpoch) == self else { return nil }
  }

  /// Days since 1970-01-01 (negative before it); Howard Hinnant's `days_from_civil`.
  public var daysSinceEpoch: Int {
    let shiftedYear = month <= 2 ? year - 1 : year
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `days` days after 1970-01-01; Howard Hinnant's `civil_from_days`.
  public init(daysSinceEpoch days: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    self.init(year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month: month, day: day)
  }

  /// Day of the week, 0 = Sunday (1970-01-01 was a Thursday).
  public var weekday: Int {
    let days = daysSinceEpoch
    return ((days % 7) + 11) % 7
  }

  /// `YYYY-MM-DD`.
  public var isoText: String {
    "\(year)-\(TimeText.pad(month, 2))-\(TimeText.pad(day, 2))"
  }

  /// Orders dates chronologically.
  public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
    (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
  }
}

/// Small text helpers for times, shared by the truth and the log writers.
enum TimeText {
  static let dayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
  static let monthNames = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
  ]

  /// `value` in decimal, left-padded with zeros to `width`.
  static func pad(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width
      ? digits : String(repeating: "0", count: width - digits.count) + digits
  }

  /// Floor division that rounds towards minus infinity, for times before 1970 or offsets.
  static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
    let quotient = value / divisor
    return (value % divisor != 0 && (value < 0) != (divisor < 0)) ? quotient - 1 : quotient
  }

  /// An instant (UTC milliseconds) as RFC 3339 with milliseconds: `2021-08-11T05:49:43.233Z`.
  static func rfc3339(_ milliseconds: Int64) -> String {
    let days = floorDivide(milliseconds, 86_400_000)
    let inDay = Int(milliseconds - days * 86_400_000)
    let date = CivilDate(daysSinceEpoch: Int(days))
    return "\(date.isoText)T\(clock(inDay, separator: "."))Z"
  }

  /// `HH:MM:SS<separator>mmm` for a millisecond of the day.
  static func clock(_ millisecondOfDay: Int, separator: String) -> String {
    let hours = millisecondOfDay / 3_600_000
    let minutes = millisecondOfDay / 60_000 % 60
    let seconds = millisecondOfDay / 1000 % 60
    return "\(pad(hours, 2)):\(pad(minutes, 2)):\(pad(seconds, 2))\(separator)"
      + pad(millisecondOfDay % 1000, 3)
  }
}
