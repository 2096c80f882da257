
/// The time span a server's logs cover, and the zone they were read in.
public struct ServerCoverage: Sendable, Equatable, Codable {
  public var name: String
  public var timeZone: String
  /// First and last entry instants over all its files; nil when it has none.
  public var from: Int64?
  public var to: Int64?
  /// True for a restored copy (SPEC §4), which is not audited as production.
  public var isRestored: Bool
  /// The UTC offset the server's latest `instance-start` line states (`+05:30`); nil when its
  /// logs state none.
  public var statedUTCOffset: String?

  /// Creates a coverage record.
  public init(
    name: String, timeZone: String, from: Int64?, to: Int64?, isRestored: Bool = false,
    statedUTCOffset: String? = nil
  ) {
    self.name = name
    self.timeZone = timeZone
    self.from = from
    self.to = to
    self.isRestored = isRestored
    self.statedUTCOffset = statedUTCOffset
  }
}

/// The overall outcome, for scripts (SPEC §6 exit codes) and dashboards.
public struct AuditSummary: Sendable, Equatable, Codable {
  public var status: AuditStatus
  public var exitCode: Int32
  public var sessions: Int
  public var findingsBySeverity: [String: Int]
  /// The id of the latest session whose verdict is `consistent`.
  public var lastConsistentSession: String?

  /// Creates a summary.
  public init(
    status: AuditStatus, exitCode: Int32, sessions: Int, findingsBySeverity: [String: Int],
    lastConsistentSession: String?
  ) {
    self.status = status
    self.exitCode = exitCode
    self.sessions = sessions
    self.findingsBySeverity = findingsBySeverity
    self.lastConsistentSession = lastConsistentSession
  }
}

/// Everything one audit found: the single value every report writer takes.
public struct AuditResult: Sendable, Equatable {
  public var configuration: AuditConfiguration
  public var inputs: [AuditInput]
  public var servers: [ServerCoverage]
  /// Sessions in order of start.
  public var sessions: [Session]
  /// Findings ordered by time, then rule, server (in `ServerNameOrder`) and session.
  public var findings: [Finding]
  public var summary: AuditSummary
  /// True when an episode was in progress at the report time (SPEC §4): a later report time
  /// may find it past its timeout, so the result holds for this report time alone. False: no
  /// episode was in progress, and the audit of the same evidence at any later report time is
  /// this result (an open episode past its timeout stays past it; nothing else is judged at
  /// the report time). True unless the audit says otherwise.
  public var judgedAtReportTime: Bool

  /// Creates a result.
  public init(
    configuration: AuditConfiguration, inputs: [AuditInput], servers: [ServerCoverage],
    sessions: [Session], findings: [Finding], summary: AuditSummary,
    judgedAtReportTime: Bool = true
  ) {
    self.configuration = configuration
    self.inputs = inputs
    self.servers = servers
    self.sessions = sessions
    self.findings = findings
    self.summary = summary
    self.judgedAtReportTime = judgedAtReportTime
  }
}
