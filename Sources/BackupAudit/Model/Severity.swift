/// How bad a finding is (SPEC §5); `unknown` means evidence is missing.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
  case warning
  case critical
  case unknown

  /// Order for sorting and thresholds: warning < unknown < critical.
  private var rank: Int {
    switch self {
    case .warning: 0
    case .unknown: 1
    case .critical: 2
    }
  }

  public static func < (left: Severity, right: Severity) -> Bool { left.rank < right.rank }
}
