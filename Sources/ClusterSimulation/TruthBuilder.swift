/// Derives the truth from the model's state: which episodes each session had on each server,
/// what their state changes were, and which rules they break. It never parses a log and
/// never calls the audit.
struct TruthBuilder {
  let model: ClusterModel
  private(set) var findings: [SimulationTruth.Finding] = []
  private var seen: Set<String> = []
  /// The id given to each planned session that has visible episodes (plan index → id).
  private(set) var sessionIDs: [Int: String] = [:]
  /// Sessions with an episode still running at the report time.
  var sessionsInProgress: Set<String> = []

  init(model: ClusterModel) {
    self.model = model
  }

  /// The instant a server's written local time denotes (what a reader recovers).
  func logged(_ server: Int, _ instant: Int64) -> Int64 {
    model.logged(server, instant)
  }

  /// The recovery block is dated to the second, in local time.
  func loggedRecovery(_ server: Int, _ instant: Int64) -> Int64 {
    let model = self.model.servers[server]
    let local = model.zone.local(model.clock.shown(instant))
    return model.zone.instant(local: TimeText.floorDivide(local, 1000) * 1000)
  }

  func isVisible(_ episode: Episode) -> Bool {
    episode.start >= model.evidenceStart[episode.server]
  }

  private func episodeEnd(_ episode: Episode) -> Int64 {
    let last = logged(episode.server, episode.end)
    return episode.recovery.map { max(last, loggedRecovery(episode.server, $0)) } ?? last
  }

  /// Builds the truth (servers without their log spans, which the writer fills in).
  mutating func build() -> SimulationTruth {
    var byPlan: [Int: [Episode]] = [:]
    for server in model.servers {
      for episode in server.episodes where isVisible(episode) {
        byPlan[episode.session, default: []].append(episode)
      }
    }
    let order = model.sessions.indices.filter { byPlan[$0] != nil }
      .sorted { (model.sessions[$0].trueStart, $0) < (model.sessions[$1].trueStart, $1) }
    var sessions: [SimulationTruth.Session] = []
    for (number, plan) in order.enumerated() {
      let id = "S" + TimeText.pad(number + 1, 4)
      sessionIDs[plan] = id
      let episodes = byPlan[plan]!.sorted { $0.server < $1.server }
      let session = makeSession(id: id, plan: model.sessions[plan], episodes: episodes)
      sessions.append(session)
      for episode in episodes { judge(episode, session: id) }
      judgeSession(session, plan: model.sessions[plan], episodes: episodes)
    }
    for index in sessions.indices { sessions[index].verdict = verdict(of: sessions[index].id) }
    judgeRecoveryPoint(sessions)
    judgeZones()
    findings.sort { ($0.time, $0.rule, $0.server ?? "") < ($1.time, $1.rule, $1.server ?? "") }
    return SimulationTruth(
      servers: servers(), sessions: sessions, findings: findings,
      expectedEvents: expectedEvents(), reportTime: model.reportTime)
  }

  /// A session's verdict from its findings so far (`rpo-exceeded` is judged later: it is
  /// about the gap after a consistent session, not about the session).
  func verdict(of session: String) -> String {
    let severities = Set(findings.filter { $0.session == session }.map(\.severity))
    if severities.contains("critical") { return "inconsistent" }
    if sessionsInProgress.contains(session) { return "in-progress" }
    if severities.contains("unknown") { return "unknown" }
    return severities.contains("warning") ? "degraded" : "consistent"
  }

  private func makeSession(id: String, plan: PlannedSession, episodes: [Episode])
    -> SimulationTruth.Session
  {
    let members = episodes.map { episode in
      SimulationTruth.Member(
        server: model.servers[episode.server].name,
        firstEventTime: logged(episode.server, episode.start),
        lastEventTime: episodeEnd(episode))
    }
    return SimulationTruth.Session(
      id: id, kind: plan.kind.rawValue, checkpoint: majorityCheckpoint(episodes),
      start: members.map(\.firstEventTime).min()!, end: members.map(\.lastEventTime).max()!,
      members: members, stagedFault: plan.fault?.rawValue, verdict: "consistent")
  }

  func majorityCheckpoint(_ episodes: [Episode]) -> Int? {
    var counts: [Int: Int] = [:]
    for number in episodes.compactMap(\.checkpoint) { counts[number, default: 0] += 1 }
    return counts.max { ($0.value, -$0.key) < ($1.value, -$1.key) }?.key
  }

  /// Adds a finding unless one of the rule, server and session exists; `severity` overrides
  /// the rule's own (an unrecognised message's depends on its line).
  mutating func add(
    _ rule: FaultKind, server: Int?, session: String?, time: Int64, severity: String? = nil
  ) {
    let name = server.map { model.servers[$0].name }
    let key = "\(rule.rawValue)|\(name ?? "")|\(session ?? "")"
    guard seen.insert(key).inserted else { return }
    findings.append(
      SimulationTruth.Finding(
        rule: rule.rawValue, severity: severity ?? rule.severity ?? "unknown",
        server: name, session: session, time: time))
  }

  private func servers() -> [SimulationTruth.Server] {
    model.servers.map { server in
      SimulationTruth.Server(
        name: server.name, timeZone: server.zone.identifier,
        configuredTimeZone: model.configuredZones[server.index], role: server.role,
        clockOffsetMilliseconds: server.clock.offsetMilliseconds,
        driftPartsPerMillion: server.clock.driftPartsPerMillion,
        layout: model.configuration.layout(of: server.index).rawValue)
    }
  }

  private func expectedEvents() -> [String: [String: Int]] {
    var result: [String: [String: Int]] = [:]
    for server in model.servers {
      var counts: [String: Int] = [:]
      for entry in server.entries
      where entry.time >= model.evidenceStart[server.index]
        && entry.time < model.evidenceEnd[server.index]
      {
        if let event = entry.event { counts[event, default: 0] += 1 }
      }
      result[server.name] = counts
    }
    return result
  }
}
