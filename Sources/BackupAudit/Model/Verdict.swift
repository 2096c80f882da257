/// A session's verdict (SPEC §4).
public enum Verdict: String, Sendable, Codable, CaseIterable {
  /// No finding.
  case consistent
  /// Warnings only.
  case degraded
  /// A critical finding.
  case inconsistent
  /// Evidence missing, and nothing critical.
  case unknown
  /// A member's episode is still open at the end of its evidence and within its timeout at
  /// the report time (SPEC §4), and nothing critical has happened yet.
  case inProgress = "in-progress"

  /// The verdict the findings of one session give; `isInProgress` when an episode of it is
  /// still running at the report time.
  public init(findings: [Finding], isInProgress: Bool = false) {
    let severities = Set(findings.map(\.severity))
    if severities.contains(.critical) {
      self = .inconsistent
    } else if isInProgress {
      self = .inProgress
    } else if severities.contains(.unknown) {
      self = .unknown
    } else if severities.contains(.warning) {
      self = .degraded
    } else {
      self = .consistent
    }
  }
}
