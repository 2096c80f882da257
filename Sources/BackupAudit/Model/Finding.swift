/// A log line a finding rests on.
public struct Evidence: Sendable, Equatable, Codable, Hashable {
  public var path: String
  /// 1-based line number in `path`.
  public var line: Int
  /// The line as written (invalid UTF-8 replaced).
  public var text: String

  /// Creates evidence.
  public init(path: String, line: Int, text: String) {
    self.path = path
    self.line = line
    self.text = text
  }
}

/// One rule firing: what, where, when, why, and the lines that prove it (SPEC §5).
public struct Finding: Sendable, Equatable, Codable {
  public var rule: RuleID
  public var severity: Severity
  /// The server concerned; nil for a cluster-wide finding.
  public var server: String?
  /// The session's id; nil for a finding about no session (an unreadable file, the RPO).
  public var session: String?
  /// The start of the episode concerned, or the session's start for a member without one
  /// (milliseconds since the epoch).
  public var epochMilliseconds: Int64
  /// One lowercase line with the figures that matter, no trailing period.
  public var message: String
  public var evidence: [Evidence]

  /// Creates a finding with its rule's severity.
  public init(
    rule: RuleID, severity: Severity, server: String?, session: String?, epochMilliseconds: Int64,
    message: String, evidence: [Evidence]
  ) {
    self.rule = rule
    self.severity = severity
    self.server = server
    self.session = session
    self.epochMilliseconds = epochMilliseconds
    self.message = message
    self.evidence = evidence
  }
}
