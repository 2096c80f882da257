/// Proleptic Gregorian calendar arithmetic on integers (Howard Hinnant's algorithms).
///
/// Used instead of `Calendar`/`DateFormatter` so that the per-line path allocates nothing and
/// the output never depends on the locale.
public enum CivilCalendar {
  /// Days from 1970-01-01 to the given date.
  public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int64 {
    let shiftedYear = Int64(month <= 2 ? year - 1 : year)
    let era = (shiftedYear >= 0 ? shiftedYear : shiftedYear - 399) / 400
    let yearOfEra = shiftedYear - era * 400
    let shiftedMonth = Int64(month > 2 ? month - 3 : month + 9)
    let dayOfYear = (153 * shiftedMonth + 2) / 5 + Int64(day) - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
  }

  /// The date `days` after 1970-01-01.
  public static func date(daysSinceEpoch days: Int64) -> (year: Int, month: Int, day: Int) {
    let shifted = days + 719_468
    let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
    let dayOfEra = shifted - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let shiftedMonth = (5 * dayOfYear + 2) / 153
    let day = Int(dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)
    let month = Int(shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9)
    let year = Int(yearOfEra + era * 400) + (month <= 2 ? 1 : 0)
    return (year, month, day)
  }

  /// Days in `month` of `year`; 0 for a month out of range.
  public static func daysIn(month: Int, year: Int) -> Int {
    switch month {
    case 1, 3, 5, 7, 8, 10, 12: 31
    case 4, 6, 9, 11: 30
    case 2: isLeap(year) ? 29 : 28
    default: 0
    }
  }

  /// True for Gregorian leap years.
  public static func isLeap(_ year: Int) -> Bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
  }

  /// RFC 3339 in UTC with milliseconds: `2021-08-11T03:49:43.233Z`.
  public static func rfc3339(epochMilliseconds: Int64) -> String {
    let milliseconds = Int(((epochMilliseconds % 1000) + 1000) % 1000)
    let seconds = (epochMilliseconds - Int64(milliseconds)) / 1000
    let days = (seconds >= 0 ? seconds : seconds - 86_399) / 86_400
    let secondOfDay = Int(seconds - days * 86_400)
    let date = date(daysSinceEpoch: days)
    return format(
      year: date.year, month: date.month, day: date.day, hour: secondOfDay / 3600,
      minute: secondOfDay / 60 % 60, second: secondOfDay % 60, millisecond: milliseconds) + "Z"
  }

  /// `YYYY-MM-DDTHH:MM:SS.mmm`.
  public static func format(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, millisecond: Int
  ) -> String {
    func pad(_ value: Int, _ width: Int) -> String {
      let digits = String(value)
      return digits.count >= width
        ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
    return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(hour, 2)):\(pad(minute, 2)):"
      + "\(pad(second, 2)).\(pad(millisecond, 3))"
  }
}
