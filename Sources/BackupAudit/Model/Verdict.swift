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

  /// The verdict the findings of one session give.
  public init(findings: [Finding]) {
    let severities = Set(findings.map(\.severity))
    if severities.contains(.critical) {
      self = .inconsistent
    } else if severities.contains(.unknown) {
      self = .unknown
    } else if severities.contains(.warning) {
      self = .degraded
    } else {
      self = .consistent
    }
  }
}
