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
    AmbiguousLocalTimeRule(), ThawUnconfirmedRule(), UnrecognisedBackupMessageRule(),
    ZoneMismatchRule(), RPOExceededRule(),
  ]

  /// The kinds of event no step of the audit looks at (`EpisodeBuilder` passes them by, no rule
  /// reads a server's events): a reading made for an audit alone may leave them out
  /// (`ReadingOptions.droppedKinds`), which halves what years of history hold in memory.
  public static let ignoredKinds: Set<EventKind> = [.journalSwitch, .cleanShutdown]

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
    let restored = Set(configuration.restoredServers.keys)
    let statements = readings.reduce(into: [String: ZoneStatement]()) { statements, reading in
      statements[reading.server] = statements[reading.server] ?? ZoneStatement(events: reading.events)
    }
    let coverage = readings.map { reading in
      let statement = statements[reading.server]
      let from = reading.inputs.compactMap(\.firstEpochMilliseconds).min()
      let to = reading.inputs.compactMap(\.lastEpochMilliseconds).max()
      return ServerCoverage(
        name: reading.server, timeZone: reading.timeZone,
        from: from.map { $0 + (statement?.correction(at: $0) ?? 0) },
        to: to.map { $0 + (statement?.correction(at: $0) ?? 0) },
        isRestored: restored.contains(reading.server), statedUTCOffset: statement?.statedOffset)
    }
    let production = readings.filter { !restored.contains($0.server) }
    let members =
      configuration.members.isEmpty
      ? ServerNameOrder.sorted(production.map(\.server)) : configuration.members
    var episodes: [Episode] = []
    var stray: [BackupEvent] = []
    // Each server's episodes are its own: built on every core.
    let built = ResultSlots.concurrentMap(production) { reading in
      let events = statements[reading.server]?.corrected(reading.events) ?? reading.events
      return EpisodeBuilder.build(server: reading.server, events: events)
    }
    for server in built {
      episodes += server.episodes.filter { isInPeriod($0.start) }
      stray += server.strayUnrecognised.filter { isInPeriod($0.epochMilliseconds) }
    }
    let sessions = SessionCorrelator(toleranceMilliseconds: configuration.skewToleranceMilliseconds)
      .sessions(from: episodes)
    var context = AuditContext(
      configuration: configuration, sessions: sessions,
      coverage: Dictionary(
        coverage.filter { !$0.isRestored }.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first }),
      members: members, failures: readings.flatMap(\.failures).map(AuditInput.init))
    context.strayUnrecognised = stray
    context.zoneStatements = statements.filter { !restored.contains($0.key) }
    let lastRules = Self.rules.filter { type(of: $0).runsOnVerdicts }
    // The rules are independent of one another: run on every core, their findings joined in
    // the catalogue's order, as if they had run one after the other.
    let ruleContext = context
    var findings = deduplicated(
      ResultSlots.concurrentMap(Self.rules.filter { !type(of: $0).runsOnVerdicts }) {
        $0.findings(in: ruleContext)
      }.flatMap { $0 })
    let bySession = Dictionary(grouping: findings.filter { $0.session != nil }) { $0.session ?? "" }
    var anyInProgress = false
    context.verdicts = Dictionary(
      sessions.map { session in
        let isInProgress = session.episodes.contains(where: context.isInProgress)
        anyInProgress = anyInProgress || isInProgress
        return (session.id, Verdict(findings: bySession[session.id] ?? [], isInProgress: isInProgress))
      }, uniquingKeysWith: { first, _ in first })
    findings += deduplicated(lastRules.flatMap { $0.findings(in: context) })
    // Each server's place in natural order once, not two names split into runs per comparison.
    let serverRank = Dictionary(
      uniqueKeysWithValues: ServerNameOrder.sorted(Set(findings.map { $0.server ?? "" }))
        .enumerated().map { ($1, $0) })
    findings.sort { left, right in
      guard (left.epochMilliseconds, left.rule) == (right.epochMilliseconds, right.rule) else {
        return (left.epochMilliseconds, left.rule) < (right.epochMilliseconds, right.rule)
      }
      let (leftServer, rightServer) = (left.server ?? "", right.server ?? "")
      guard leftServer == rightServer else {
        return serverRank[leftServer, default: 0] < serverRank[rightServer, default: 0]
      }
      return (left.session ?? "") < (right.session ?? "")
    }
    let restoreTests = RestoreTestLinker(configuration: configuration)
      .link(readings.filter { restored.contains($0.server) }, to: sessions)
    // Each reported session reads only its own episodes and the finished context: made on
    // every core, in the sessions' order.
    let judged = context
    let reported = ResultSlots.concurrentMap(sessions) { session in
      Session(
        session, verdict: judged.verdicts[session.id] ?? .consistent,
        restoreTests: restoreTests[session.id] ?? [], context: judged)
    }
    return AuditResult(
      configuration: configuration, inputs: readings.flatMap(\.inputs).map(AuditInput.init),
      servers: coverage,
      sessions: reported, findings: findings,
      summary: summary(findings: findings, sessions: reported),
      // Without a report time nothing is in progress: a report time may find an episode that is.
      judgedAtReportTime: anyInProgress || configuration.reportTime == nil)
  }

  private func isInPeriod(_ instant: Int64) -> Bool {
    if let since = configuration.since, instant < since { return false }
    if let until = configuration.until, instant >= until { return false }
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
    let status = AuditStatus(severities: Set(findings.map(\.severity)))
    var counts = Dictionary(Severity.allCases.map { ($0.rawValue, 0) }, uniquingKeysWith: +)
    for finding in findings { counts[finding.severity.rawValue, default: 0] += 1 }
    return AuditSummary(
      status: status, exitCode: status.exitCode(failOn: configuration.failOn),
      sessions: sessions.count, findingsBySeverity: counts,
      lastConsistentSession: sessions.last { $0.verdict == .consistent }?.id)
  }
}
