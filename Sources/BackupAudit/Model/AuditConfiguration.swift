/// The audit's thresholds and scope; every default is SPEC §5's. Command-line flags override
/// the configuration file, which overrides these defaults.
public struct AuditConfiguration: Sendable, Equatable, Codable {
  /// How long a freeze may last before user processes are suspended (ExternalFreezeTimeout).
  public var freezeTimeoutMilliseconds: Int64 = 600_000
  /// The share of the timeout past which a freeze is reported as near it.
  public var nearTimeoutFraction: Double = 0.8
  /// The longest acceptable quiesced → resumed window.
  public var maxQuiesceMilliseconds: Int64 = 300_000
  /// How far apart members' simultaneous events may be before a clock-skew warning, and the
  /// slack allowed when joining episodes by their windows.
  public var skewToleranceMilliseconds: Int64 = 2_000
  /// The recovery point objective; nil disables `rpo-exceeded`.
  public var rpoMilliseconds: Int64?
  /// Only events at or after this instant are audited.
  public var since: Int64?
  /// Only events before this instant are audited.
  public var until: Int64?
  /// The moment the report is made (`--report-time`, else now): an episode still open at the
  /// end of its server's evidence is `in-progress` while this is within its timeout (SPEC §4).
  /// Nil: long after any log, so nothing is in progress.
  public var reportTime: Int64?
  /// Findings at or above this severity make the exit code non-zero (`warning` or `critical`;
  /// unknown evidence always does).
  public var failOn: Severity = .warning
  /// The servers every cluster session must include; empty: every server read.
  public var members: [String] = []
  /// Servers that are restored copies (not production); maps each to the server it copies,
  /// when known.
  public var restoredServers: [String: String?] = [:]

  /// The defaults.
  public init() {}
}
