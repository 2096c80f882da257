import BackupAudit

/// The audited period day by day: each UTC day with the sessions that started on it and the
/// worst of their verdicts, days without a session included, for the calendar overviews of the
/// HTML and Markdown reports.
///
/// A day without a session is a gap that the calendar shows as such: a night whose backup never
/// ran is a hole in the evidence, not a consistent night.
struct SessionCalendar {
  /// One UTC day of the period.
  struct Day {
    /// UTC midnight.
    let start: Int64
    /// The sessions that started on this day, in order of start.
    let sessions: [Session]
    /// How many findings name one of `sessions`.
    let findings: Int

    /// The session that decides the day's colour: the first of those with the worst verdict.
    var worst: Session? {
      sessions.min { SessionCalendar.badness($0.verdict) > SessionCalendar.badness($1.verdict) }
    }

    /// `2021-10-14`.
    var date: String { AuditPeriod.date(start) }

    /// How many of the day's sessions have `verdict`.
    func count(_ verdict: Verdict) -> Int {
      sessions.filter { $0.verdict == verdict }.count
    }

    /// `2021-10-14 Thu: 2 sessions (1 inconsistent, 1 consistent), 3 findings`, or `… no
    /// session` for a gap.
    var caption: String {
      let weekday = AuditPeriod.weekdayNames[AuditPeriod.weekday(start)]
      guard !sessions.isEmpty else { return "\(date) \(weekday): no session" }
      let verdicts = SessionCalendar.verdictsByBadness.compactMap { verdict -> String? in
        let count = count(verdict)
        return count == 0 ? nil : "\(count) \(verdict.rawValue)"
      }
      return "\(date) \(weekday): \(HTMLFormat.counted(sessions.count, "session")) "
        + "(\(verdicts.joined(separator: ", "))), \(HTMLFormat.counted(findings, "finding"))"
    }
  }

  /// Every day of the period, in order.
  let days: [Day]

  /// The calendar of `result` over `period`.
  init(_ result: AuditResult, period: AuditPeriod) {
    let byDay = Dictionary(grouping: result.sessions) {
      TimelineScale.floor($0.start, to: AuditPeriod.day)
    }
    let findings = Dictionary(
      result.findings.compactMap { $0.session.map { ($0, 1) } }, uniquingKeysWith: +)
    days = period.days.map { start in
      let sessions = byDay[start] ?? []
      return Day(
        start: start, sessions: sessions,
        findings: sessions.reduce(0) { $0 + (findings[$1.id] ?? 0) })
    }
  }

  /// How bad a verdict is, for the colour of a day with several sessions: a critical finding
  /// outweighs missing evidence, which outweighs a warning; a backup still running is better
  /// than any of them and worse than a consistent one.
  static func badness(_ verdict: Verdict) -> Int {
    switch verdict {
    case .consistent: 0
    case .inProgress: 1
    case .degraded: 2
    case .unknown: 3
    case .inconsistent: 4
    }
  }

  /// The verdicts, worst first.
  static let verdictsByBadness = Verdict.allCases.sorted { badness($0) > badness($1) }
}
