/// What a rule checks and what to do about it, for `rules RULE`, reports and SARIF.
public struct RuleDescription: Sendable, Equatable, Codable {
  public var id: RuleID
  public var severity: Severity
  /// One line: when the rule fires.
  public var summary: String
  /// Why it matters for the backup's consistency, from the seeds.
  public var explanation: String
  /// The log lines a finding of this rule cites.
  public var evidence: String
  /// What the operator should do.
  public var remedy: String

  /// Creates a description.
  public init(
    id: RuleID, severity: Severity, summary: String, explanation: String, evidence: String,
    remedy: String
  ) {
    self.id = id
    self.severity = severity
    self.summary = summary
    self.explanation = explanation
    self.evidence = evidence
    self.remedy = remedy
  }
}
