import BackupAudit

extension MarkdownReportWriter {
  /// For a period longer than `AuditPeriod.calendarThresholdDays` days, the calendar and the
  /// months, as the HTML report's overview says them; nothing for a shorter one, whose sessions
  /// table is short enough to read whole.
  func calendarBlocks(_ result: AuditResult) -> [[String]] {
    guard let period = AuditPeriod(result), period.isLong else { return [] }
    return [
      ["## Calendar"],
      [
        "One symbol per UTC day, the worst verdict of the sessions that started that day: "
          + Self.legend + ". A row per week, from its Monday."
      ],
      calendarTable(SessionCalendar(result, period: period)),
      ["## Months"],
      monthsTable(SessionMonth.months(result, period: period), result.configuration),
    ]
  }

  /// The symbols of the calendar and what they mean.
  static let legend =
    SessionCalendar.verdictsByBadness.reversed().map { "\(symbol($0)) \($0.rawValue)" }
    .joined(separator: ", ") + ", · no session (a missing backup), blank: outside the period"

  /// A day's symbol: its verdict's mark (`✓`, `!`, `?`, `✕`, `◷`).
  static func symbol(_ verdict: Verdict) -> String {
    SVGSymbol(verdict).character
  }

  /// A row per week (its Monday's date, then a column per weekday), a symbol per day.
  private func calendarTable(_ calendar: SessionCalendar) -> [String] {
    var weeks: [(monday: Int64, cells: [String])] = []
    for day in calendar.days {
      let weekday = AuditPeriod.weekday(day.start)
      if weeks.isEmpty || weekday == 0 {
        weeks.append((day.start - Int64(weekday) * AuditPeriod.day, Array(repeating: "", count: 7)))
      }
      weeks[weeks.count - 1].cells[weekday] = day.worst.map { Self.symbol($0.verdict) } ?? "·"
    }
    return Self.table(
      ["week of"] + AuditPeriod.weekdayNames,
      weeks.map { [AuditPeriod.date($0.monday)] + $0.cells })
  }

  /// A row per month: sessions by verdict, restore tests, the longest freeze with its server
  /// and session.
  private func monthsTable(_ months: [SessionMonth], _ configuration: AuditConfiguration)
    -> [String]
  {
    Self.table(
      ["month", "sessions"] + SessionMonth.verdicts.map(\.rawValue) + [
        "restore tests", "longest freeze",
      ],
      months.map { month in
        let freeze = month.longestFreeze(configuration).map { freeze in
          "\(Self.duration(seconds(freeze.milliseconds))) on \(text(freeze.server)) in "
            + text(freeze.session.id)
        }
        return [month.month, "\(month.sessions.count)"]
          + SessionMonth.verdicts.map { "\(month.count($0))" }
          + ["\(month.restoreTests)", freeze ?? "—"]
      })
  }
}
