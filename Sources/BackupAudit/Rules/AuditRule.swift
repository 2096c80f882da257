import BackupEvents

/// A check of SPEC §5: its description and the findings it makes in an audit's context.
public protocol AuditRule: Sendable {
  /// The rule's ID, severity, explanation and remedy.
  static var description: RuleDescription { get }
  /// The findings in `context`, at most one per server and session.
  func findings(in context: AuditContext) -> [Finding]
  /// True for rules that judge the other rules' verdicts (`context.verdicts`): they run last,
  /// and their findings change no verdict.
  static var runsOnVerdicts: Bool { get }
}

extension AuditRule {
  public static var runsOnVerdicts: Bool { false }

  /// A finding of this rule.
  func finding(
    server: String?, session: String?, at instant: Int64, _ message: String,
    _ evidence: [BackupEvent]
  ) -> Finding {
    Finding(
      rule: Self.description.id, severity: Self.description.severity, server: server,
      session: session, epochMilliseconds: instant, message: message,
      evidence: evidence.map(Evidence.init(event:)))
  }
}

extension Evidence {
  /// The line an event was read from.
  public init(event: BackupEvent) {
    self.init(path: event.path, line: event.line, text: event.text)
  }
}

/// What the rules see: the configuration, the sessions with their episodes, and each server's
/// coverage.
public struct AuditContext: Sendable {
  public var configuration: AuditConfiguration
  public var sessions: [CorrelatedSession]
  /// Production servers' coverage, by name.
  public var coverage: [String: ServerCoverage]
  /// The servers every cluster-wide session must include.
  public var members: [String]
  /// Inputs that could not be read, wholly or in part.
  public var failures: [AuditInput]
  /// Session verdicts from every other rule, for the rules that run last (`rpo-exceeded`).
  public var verdicts: [String: Verdict] = [:]

  /// Creates a context.
  public init(
    configuration: AuditConfiguration, sessions: [CorrelatedSession],
    coverage: [String: ServerCoverage], members: [String], failures: [AuditInput]
  ) {
    self.configuration = configuration
    self.sessions = sessions
    self.coverage = coverage
    self.members = members
    self.failures = failures
  }

  /// Unrecognised backup messages logged outside every episode, by server.
  public var strayUnrecognised: [BackupEvent] = []
  /// What each server's `instance-start` lines state about its zone, by server.
  public var zoneStatements: [String: ZoneStatement] = [:]

  /// The instant an open episode is judged at: the report time, never before its server's
  /// evidence ends; nil without a report time (then nothing is in progress).
  public func judgementTime(of episode: Episode) -> Int64? {
    guard let reportTime = configuration.reportTime else { return nil }
    return max(reportTime, coverage[episode.server]?.to ?? episode.end)
  }

  /// How long an open episode has run at the judgement time: since its freeze-begin (a
  /// quiesce: its quiesce-begin), else its first event.
  public func elapsed(_ episode: Episode) -> Int64? {
    judgementTime(of: episode).map { $0 - (episode.opening?.epochMilliseconds ?? episode.start) }
  }

  /// True when `episode` was still open at the end of its server's evidence and, at the
  /// report time, is within its timeout (SPEC §4): no `never-thawed`, `thaw-unconfirmed` or
  /// `never-resumed` yet.
  public func isInProgress(_ episode: Episode) -> Bool {
    guard episode.ending == .endOfEvidence || episode.ending == .thawPending,
      let elapsed = elapsed(episode)
    else { return false }
    switch episode.kind {
    case .freeze: return elapsed <= configuration.freezeTimeoutMilliseconds
    case .quiesce:
      return episode.quiesce?.begin != nil && elapsed <= configuration.maxQuiesceMilliseconds
    case .checkpoint: return false
    }
  }

  /// Every episode with the id of the session it belongs to, walked in place: every rule
  /// that judges episodes one by one walks it, and reads nothing of the session but its id.
  public var episodes: SessionEpisodes { SessionEpisodes(sessions: sessions) }
}

/// A duration as the messages show it, as text: seconds with up to one decimal, and the unit
/// (`812 s`, `0.4 s`).
func secondsText(_ milliseconds: Int64) -> String {
  milliseconds % 1000 == 0 || milliseconds >= 10_000
    ? "\(Int((Double(milliseconds) / 1000).rounded())) s"
    : String(format: "%.1f s", Double(milliseconds) / 1000)
}
