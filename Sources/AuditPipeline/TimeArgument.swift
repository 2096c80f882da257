import ClusterConfiguration
import Foundation

/// Reads the times `--since`, `--until` and `--report-time` take.
public enum TimeArgument {
  /// RFC 3339 (`2021-08-11T05:49:43Z`, fractions and offsets allowed), a UTC date
  /// (`2021-08-11`), or a duration back from `now` (`26h`).
  public static func instant(_ text: String, now: Int64, flag: String) throws(AuditPipelineError)
    -> Int64
  {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    if let date = formatter.date(from: text) { return milliseconds(date) }
    formatter.formatOptions = [.withInternetDateTime]
    if let date = formatter.date(from: text) { return milliseconds(date) }
    formatter.formatOptions = [.withFullDate]
    formatter.timeZone = TimeZone(identifier: "UTC")
    if let date = formatter.date(from: text) { return milliseconds(date) }
    if let back = try? DurationParser.milliseconds(text) { return now - back }
    throw .usage(
      "\(flag) takes a time (2021-08-11T05:49:43Z or 2021-08-11) or a duration back from now (26h), not \(text)")
  }

  private static func milliseconds(_ date: Date) -> Int64 {
    Int64((date.timeIntervalSince1970 * 1000).rounded())
  }
}
