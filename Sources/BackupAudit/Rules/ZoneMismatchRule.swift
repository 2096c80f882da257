import CivilTime

/// `zone-mismatch`: the UTC time a server states at its start is off the configured zone's
/// reading of its local timestamp by a minute or more.
public struct ZoneMismatchRule: AuditRule {
  public static let description = RuleDescription(
    id: .zoneMismatch, severity: .warning,
    summary: "a server's instance-start line states a UTC time that is off the configured "
      + "zone's reading of its local timestamp by a minute or more",
    explanation: "messages.log timestamps carry no zone; IRIS 2024.1 and later state the UTC "
      + "time at each start, so the log's own offset is known. A wrong zone in the "
      + "configuration moves every event of the server by hours, and the cluster's sessions "
      + "no longer line up: the audit corrects the server's times by the offset the log states",
    evidence: "the instance-start lines whose stated UTC time the zone misreads",
    remedy: "set the server's timezone in the configuration (or --tz) to the zone its host "
      + "writes the log in")

  public init() {}

  public func findings(in context: AuditContext) -> [Finding] {
    context.zoneStatements.keys.sorted().compactMap { server in
      guard let statement = context.zoneStatements[server],
        let first = statement.mismatches.first
      else { return nil }
      let zone = context.coverage[server]?.timeZone ?? "the configured zone"
      return finding(
        server: server, session: nil, at: first.event.epochMilliseconds + first.difference,
        "the log states UTC\(ZoneStatement.offsetText(first.statedOffsetMinutes)) at "
          + "\(CivilCalendar.rfc3339(epochMilliseconds: first.event.epochMilliseconds + first.difference)),"
          + " \(zone) reads UTC\(ZoneStatement.offsetText(first.configuredOffsetMinutes)): "
          + "its times are corrected by the stated offset",
        statement.mismatches.map(\.event))
    }
  }
}
