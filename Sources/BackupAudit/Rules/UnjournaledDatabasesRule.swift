/// `unjournaled-databases`: a freeze warned that databases are not journalled.
public struct UnjournaledDatabasesRule: AuditRule {
  public static let description = RuleDescription(
    id: .unjournaledDatabases, severity: .warning,
    summary: "a freeze warned that databases are not journalled",
    explanation: "ExternalFreeze should only be used when every database update is journalled: "
      + "if the system crashes while suspended, updates to non-journalled databases since the "
      + "freeze are lost",
    evidence: "the freeze's \"is not being journalled\" and summary warnings",
    remedy: "journal these databases, or accept that they may lose the freeze window's updates")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.episodes.compactMap { sessionID, episode in
      guard let warnings = episode.freeze?.unjournaled, !warnings.isEmpty else { return nil }
      let count = warnings.compactMap(\.count).max()
        ?? warnings.filter { $0.kind == .unjournaledDatabase }.count
      let names = warnings.compactMap(\.directory).joined(separator: ", ")
      return finding(
        server: episode.server, session: sessionID, at: episode.start,
        "\(count) database\(count == 1 ? " is" : "s are") not journalled"
          + (names.isEmpty ? "" : ": \(names)"),
        warnings)
    }
  }
}
