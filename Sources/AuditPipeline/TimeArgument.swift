import CivilTime
import ClusterConfiguration
import Foundation

/// Reads the times `--since`, `--until` and `--report-time` take.
public enum TimeArgument {
  /// RFC 3339 (`2021-08-11T05:49:43Z`, fractions and offsets allowed), a UTC date
  /// (`2021-08-11`), or a duration back from `now` (`26h`).
  public static func instant(_ text: String, now: Int64, flag: String) throws(AuditPipelineError)
    -> Int64
  {
    // The usual forms first, without Foundation's formatter (whose first use costs a few
    // milliseconds, a tenth of a run over unchanged logs): `…:SSZ` and `…:SS.mmmZ`.
    if text.utf8.count == 20, text.hasSuffix("Z"),
      let instant = CivilCalendar.epochMilliseconds(rfc3339: text.dropLast() + ".000Z")
    {
      return instant
    }
    if let instant = CivilCalendar.epochMilliseconds(rfc3339: text) { return instant }
    // Foundation's formatter is lenient: February 30th would be March 2nd, and a time without
    // its zone would be read as the date alone. A date's fields are checked first.
    if let isValid = realDateAndTime(text) {
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
      if isValid, let date = formatter.date(from: text) { return milliseconds(date) }
      formatter.formatOptions = [.withInternetDateTime]
      if isValid, let date = formatter.date(from: text) { return milliseconds(date) }
      formatter.formatOptions = [.withFullDate]
      formatter.timeZone = TimeZone(identifier: "UTC")
      if isValid, text.utf8.count == 10, let date = formatter.date(from: text) {
        return milliseconds(date)
      }
    } else if let back = try? DurationParser.milliseconds(text) {
      return now - back
    }
    throw .usage(
      "\(flag) takes a time (2021-08-11T05:49:43Z or 2021-08-11) or a duration back from now (26h), not \(text)")
  }

  /// Nil when `text` does not begin like a date (`YYYY-`); else whether its date, and its time
  /// when it has one (`THH:MM:SS`), are real.
  private static func realDateAndTime(_ text: String) -> Bool? {
    let bytes = Array(text.utf8)
    func number(_ range: Range<Int>) -> Int? {
      guard range.upperBound <= bytes.count else { return nil }
      var value = 0
      for byte in bytes[range] {
        guard byte &- 0x30 < 10 else { return nil }
        value = value * 10 + Int(byte - 0x30)
      }
      return value
    }
    guard bytes.count >= 5, number(0..<4) != nil, bytes[4] == UInt8(ascii: "-") else { return nil }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      bytes.count >= 10, bytes[7] == UInt8(ascii: "-")
    else { return false }
    var stamp = LocalTimestamp(year: year, month: month, day: day, hour: 0, minute: 0, second: 0)
    if bytes.count > 10 {
      guard bytes.count >= 19, bytes[10] == UInt8(ascii: "T"), bytes[13] == UInt8(ascii: ":"),
        bytes[16] == UInt8(ascii: ":"), let hour = number(11..<13), let minute = number(14..<16),
        let second = number(17..<19)
      else { return false }
      (stamp.hour, stamp.minute, stamp.second) = (hour, minute, second)
    }
    return stamp.isValid
  }

  private static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }
}
