import BackupEvents

/// The audit: servers' events → episodes → sessions → findings → verdicts (SPEC §4, §5).
public struct Auditor: Sendable {
  public let configuration: AuditConfiguration

  /// Every rule; those that run on verdicts (`rpo-exceeded`) run after the others.
  public static let rules: [any AuditRule] = [
    AlreadyResumedRule(), FreezeFailedRule(), ThawFailedRule(), FreezeTimeoutExceededRule(),
    FreezeNearTimeoutRule(), NeverThawedRule(), CrashWhileFrozenRule(),
    UnjournaledDatabasesRule(), OverlappingFreezeRule(), QuiesceTimeoutRule(), NeverResumedRule(),
    QuiesceTooLongRule(), ResumeWithoutQuiesceRule(), MemberMissingRule(),
    CheckpointMismatchRule(), ClockSkewRule(), InsufficientEvidenceRule(),
    AmbiguousLocalTimeRule(), RPOExceededRule(),
  ]

  /// The rule catalogue, for `rules` and the reports.
  public static var ruleDescriptions: [RuleDescription] {
    rules.map { type(of: $0).description }
  }

  /// Creates an auditor.
  public init(configuration: AuditConfiguration) {
    self.configuration = configuration
  }

  /// Audits what was read from every server.
  public func audit(_ readings: [ServerReading]) -> AuditResult {
    let coverage = readings.map { reading in
      ServerCoverage(
        name: reading.server, timeZone: reading.timeZone,
        from: reading.inputs.compactMap(\.firstEpochMilliseconds).min(),
        to: reading.inputs.compactMap(\.lastEpochMilliseconds).max(),
        isRestored: configuration.restoredServers.keys.contains(reading.server))
    }
    let production = readings.filter { !configuration.restoredServers.keys.contains($0.server) }
    let members =
      configuration.members.isEmpty ? production.map(\.server).sorted() : configuration.members
    let episodes = production.flatMap { EpisodeBuilder.episodes(server: $0.server, events: $0.events) }
      .filter(isInPeriod)
    let sessions = SessionCorrelator(toleranceMilliseconds: configuration.skewToleranceMilliseconds)
      .sessions(from: episodes)
    var context = AuditContext(
      configuration: configuration, sessions: sessions,
      coverage: Dictionary(uniqueKeysWithValues: coverage.filter { !$0.isRestored }.map { ($0.name, $0) }),
      members: members, failures: readings.flatMap(\.failures))
    let lastRules = Self.rules.filter { type(of: $0).runsOnVerdicts }
    var findings = deduplicated(
      Self.rules.filter { !type(of: $0).runsOnVerdicts }.flatMap { $0.findings(in: context) })
    let bySession = Dictionary(grouping: findings.filter { $0.session != nil }) { $0.session! }
    context.verdicts = Dictionary(uniqueKeysWithValues: sessions.map {
      ($0.id, Verdict(findings: bySession[$0.id] ?? []))
    })
    findings += deduplicated(lastRules.flatMap { $0.findings(in: context) })
    findings.sort {
      ($0.epochMilliseconds, $0.rule, $0.server ?? "", $0.session ?? "")
        < ($1.epochMilliseconds, $1.rule, $1.server ?? "", $1.session ?? "")
    }
    let restoreTests = RestoreTestLinker(configuration: configuration)
      .link(readings.filter { configuration.restoredServers.keys.contains($0.server) }, to: sessions)
    let reported = sessions.map { session in
      SessionReport.session(
        session, verdict: context.verdicts[session.id] ?? .consistent,
        restoreTests: restoreTests[session.id] ?? [])
    }
    return AuditResult(
      configuration: configuration, inputs: readings.flatMap(\.inputs), servers: coverage,
      sessions: reported, findings: findings,
      summary: summary(findings: findings, sessions: reported))
  }

  private func isInPeriod(_ episode: Episode) -> Bool {
    if let since = configuration.since, episode.start < since { return false }
    if let until = configuration.until, episode.start >= until { return false }
    return true
  }

  /// One finding per rule, server and session; later ones lend their evidence to the first.
  private func deduplicated(_ findings: [Finding]) -> [Finding] {
    var kept: [Finding] = []
    var index: [String: Int] = [:]
    for finding in findings {
      guard let session = finding.session else {
        kept.append(finding)
        continue
      }
      let key = "\(finding.rule.rawValue)|\(finding.server ?? "")|\(session)"
      if let existing = index[key] {
        for line in finding.evidence where !kept[existing].evidence.contains(line) {
          kept[existing].evidence.append(line)
        }
      } else {
        index[key] = kept.count
        kept.append(finding)
      }
    }
    return kept
  }

  func summary(findings: [Finding], sessions: [Session]) -> AuditSummary {
    let severities = Set(findings.map(\.severity))
    let status: String
    let exitCode: Int32
    if severities.contains(.critical) {
      (status, exitCode) = ("critical", 2)
    } else if severities.contains(.unknown) {
      (status, exitCode) = ("unknown", 3)
    } else if severities.contains(.warning) {
      (status, exitCode) = ("warning", configuration.failOn == .warning ? 1 : 0)
    } else {
      (status, exitCode) = ("ok", 0)
    }
    var counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
    for finding in findings { counts[finding.severity.rawValue, default: 0] += 1 }
    return AuditSummary(
      status: status, exitCode: exitCode, sessions: sessions.count, findingsBySeverity: counts,
      lastConsistentSession: sessions.last { $0.verdict == .consistent }?.id)
  }
}
