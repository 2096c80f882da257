/// The overall outcome of an audit and the exit status it gives (SPEC §6): the one place the
/// status vocabulary lives, for the summary, the exit code and every writer.
public enum AuditStatus: String, Sendable, Codable, CaseIterable {
  case ok
  case warning
  case critical
  case unknown

  /// The status of a set of findings: the worst severity decides; unknown evidence outranks
  /// warnings, a critical finding everything.
  public init(severities: Set<Severity>) {
    if severities.contains(.critical) {
      self = .critical
    } else if severities.contains(.unknown) {
      self = .unknown
    } else if severities.contains(.warning) {
      self = .warning
    } else {
      self = .ok
    }
  }

  /// The exit status: 0 ok, 1 warnings (0 with `failOn` critical), 2 critical, 3 unknown.
  public func exitCode(failOn: Severity) -> Int32 {
    switch self {
    case .ok: 0
    case .warning: failOn == .warning ? 1 : 0
    case .critical: 2
    case .unknown: 3
    }
  }
}
