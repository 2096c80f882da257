import BackupAudit
import CivilTime

/// The whole UTC days an audit's evidence spans: from the midnight at or before its first dated
/// fact (a server's first entry, a session, a finding) to the midnight after its last.
///
/// The HTML and Markdown reports choose their overview by its length: up to
/// `calendarThresholdDays` days the HTML timeline strip, where a few dozen sessions stay apart;
/// beyond, a calendar of days and a table of months, since a year of nightly marks on one strip
/// reads as noise.
struct AuditPeriod {
  static let day: Int64 = 86_400_000
  /// The longest period that keeps the timeline overview: six weeks and a few days, so that a
  /// month's audit (even one over two calendar months) keeps its strip.
  static let calendarThresholdDays = 45

  /// UTC midnight of the first day.
  let start: Int64
  /// UTC midnight after the last day; always after `start`.
  let end: Int64

  /// The period of `result`, or nil when nothing in it has a time.
  init?(_ result: AuditResult) {
    let instants =
      result.servers.flatMap { [$0.from, $0.to].compactMap { $0 } }
      + result.sessions.flatMap { [$0.start, $0.end] } + result.findings.map(\.epochMilliseconds)
    guard let first = instants.min(), let last = instants.max() else { return nil }
    start = TimelineScale.floor(first, to: Self.day)
    end = TimelineScale.ceiling(last + 1, to: Self.day)
  }

  /// How many days the period has.
  var dayCount: Int { Int((end - start) / Self.day) }

  /// True when the reports show the calendar and the months rather than the timeline strip.
  var isLong: Bool { dayCount > Self.calendarThresholdDays }

  /// The midnight of every day, in order.
  var days: [Int64] { Array(stride(from: start, to: end, by: Int(Self.day))) }

  /// `instant`'s UTC date, `2021-10-14`.
  static func date(_ instant: Int64) -> String {
    String(CivilCalendar.rfc3339(epochMilliseconds: instant).prefix(10))
  }

  /// `instant`'s UTC month, `2021-10`.
  static func month(_ instant: Int64) -> String {
    String(CivilCalendar.rfc3339(epochMilliseconds: instant).prefix(7))
  }

  /// The day of the week of `instant` in UTC, from 0 for Monday to 6 for Sunday (1970-01-01
  /// was a Thursday).
  static func weekday(_ instant: Int64) -> Int {
    let days = Int(TimelineScale.floor(instant, to: day) / day)
    return ((days + 3) % 7 + 7) % 7
  }

  /// The names of the days of the week, Monday first.
  static let weekdayNames = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
}
