import BackupAudit

/// One UTC month of the audited period for the table of months of the HTML and Markdown
/// reports: its sessions by verdict, the restore tests of their snapshots and its longest
/// freeze.
///
/// A month of the period without a session keeps its row (with zeros), as a day without one
/// keeps its cell in the calendar.
struct SessionMonth {
  /// The longest closed freeze of a month: freeze-begin (or frozen) to thawed on one member.
  struct Freeze {
    let milliseconds: Int64
    let server: String
    let session: Session
  }

  /// `2021-10`.
  let month: String
  /// The sessions that started in the month, in order of start.
  let sessions: [Session]

  /// How many of the sessions have `verdict`.
  func count(_ verdict: Verdict) -> Int {
    sessions.filter { $0.verdict == verdict }.count
  }

  /// The restore tests started from the month's snapshots.
  var restoreTests: Int {
    sessions.reduce(0) { $0 + $1.restoreTests.count }
  }

  /// The longest freeze that ended (a freeze never thawed has its own finding), the first of
  /// equally long ones; nil when no freeze of the month ended.
  func longestFreeze(_ configuration: AuditConfiguration) -> Freeze? {
    var longest: Freeze?
    for session in sessions {
      guard let limit = TimelineLimit(session.kind, configuration: configuration), limit.isFreeze
      else { continue }
      for member in session.members {
        guard let duration = limit.duration(of: member),
          duration > longest?.milliseconds ?? -1
        else { continue }
        longest = Freeze(milliseconds: duration, server: member.server, session: session)
      }
    }
    return longest
  }

  /// Every month of `period`, in order, with the sessions of `result` that started in it.
  static func months(_ result: AuditResult, period: AuditPeriod) -> [SessionMonth] {
    let byMonth = Dictionary(grouping: result.sessions) { AuditPeriod.month($0.start) }
    var months: [String] = []
    for day in period.days where months.last != AuditPeriod.month(day) {
      months.append(AuditPeriod.month(day))
    }
    return months.map { SessionMonth(month: $0, sessions: byMonth[$0] ?? []) }
  }

  /// The verdict columns of the tables of months, in the order of `Verdict`.
  static let verdicts = Verdict.allCases
}
