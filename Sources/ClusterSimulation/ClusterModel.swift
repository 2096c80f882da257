/// A session the scheduler ran: its kind, members, true start, and the fault staged in it.
struct PlannedSession: Sendable, Equatable {
  var kind: SessionKind
  /// Indexes of the servers that are members (every data server for a cluster session).
  var members: [Int]
  var trueStart: Int64
  var fault: FaultKind?
  /// The server the fault concerns, when it concerns one.
  var target: Int?
}

/// The simulated cluster: its servers, the scheduler that runs the nightly backups and the
/// staged faults in order of time, and the sessions it ran.
struct ClusterModel: Sendable {
  static let hour: Int64 = 3_600_000
  static let minute: Int64 = 60_000
  static let day: Int64 = 86_400_000

  let configuration: SimulationConfiguration
  /// The first and last instants of the simulated period (true UTC milliseconds).
  let start: Int64
  let end: Int64
  var servers: [ServerModel]
  var sessions: [PlannedSession] = []
  /// Where each server's written evidence begins (later than `start` for a log that starts
  /// late, the `insufficient-evidence` fault).
  var evidenceStart: [Int64]
  /// Where each server's written evidence ends (`end`, or shortly after the freeze-begin of
  /// a backup still in progress).
  var evidenceEnd: [Int64]
  /// The zone `cluster.toml` gives each server: its true zone, except for the server of a
  /// `zone-mismatch`.
  var configuredZones: [String]
  /// The server whose configured zone is wrong, if any.
  var mismatchedServer: Int?
  /// The instant a correct audit is assumed to run (true UTC); nil unless a backup is still
  /// in progress when the logs end.
  var reportTime: Int64?
  var rng: SplitMix64
  var nextCheckpoint: Int
  /// Sessions that log a checkpoint number: how many have run, and how many remain.
  var checkpointSessionsRun = 0
  var checkpointSessionsLeft = 0

  /// Builds the servers: zones in turn from the configuration, clocks within `--skew-ms`.
  init(configuration: SimulationConfiguration) throws(SimulationError) {
    self.configuration = configuration
    start = Int64(configuration.start.daysSinceEpoch) * ClusterModel.day
    end = start + Int64(configuration.days) * ClusterModel.day
    rng = SplitMix64(seed: configuration.seed)
    var servers: [ServerModel] = []
    for (index, name) in configuration.serverNames.enumerated() {
      let identifier = configuration.timeZones[index % configuration.timeZones.count]
      guard
        let zone = ZoneTable(
          identifier: identifier, from: start - 2 * ClusterModel.day,
          to: end + 2 * ClusterModel.day)
      else { throw .invalidConfiguration("unknown time zone \(identifier)") }
      let skew = Int64(configuration.skewMilliseconds)
      let clock = ServerClock(
        offsetMilliseconds: rng.int64(in: -skew...skew),
        driftPartsPerMillion: rng.int64(in: -15...15), origin: start)
      servers.append(
        ServerModel(
          index: index, name: name, role: index == 0 ? "master" : "shard",
          clock: clock, zone: zone, rng: rng.derived(UInt64(index) + 1),
          start: start))
    }
    for index in servers.indices {
      servers[index].writesInstanceStart = configuration.layout(of: index) != .cache
    }
    self.servers = servers
    evidenceStart = Array(repeating: start, count: servers.count)
    evidenceEnd = Array(repeating: end, count: servers.count)
    configuredZones = servers.map(\.zone.identifier)
    nextCheckpoint = rng.int(in: 100...900)
  }

  /// A shard for a fault that concerns one server (the master coordinates, so it is spared
  /// when there is a shard).
  mutating func pickShard() -> Int {
    servers.count > 1 ? 1 + rng.below(servers.count - 1) : 0
  }

  /// Records a session and returns its index.
  mutating func addSession(
    _ kind: SessionKind, members: [Int], at time: Int64,
    fault: FaultKind?, target: Int?
  ) -> Int {
    sessions.append(
      PlannedSession(
        kind: kind, members: members, trueStart: time, fault: fault,
        target: target))
    return sessions.count - 1
  }

  /// A small per-server delay for steps the cluster runs on every server at once.
  mutating func jitter() -> Int64 { rng.int64(in: 0...40) }

  /// Runs the whole period: plans the nights, stages the special faults, then runs every
  /// action in order of time.
  mutating func run() throws(SimulationError) {
    let nights = FaultPlanner.plan(configuration, rng: &rng)
    var actions: [(time: Int64, action: ScheduledAction)] = []
    for (night, plan) in nights.enumerated() {
      let midnight = start + Int64(night) * ClusterModel.day
      actions.append((midnight + 10 * ClusterModel.hour, .daytime(night, plan.noise)))
      if let kind = plan.cluster, !plan.skipped {
        let time =
          midnight + 21 * ClusterModel.hour + 15 * ClusterModel.minute
          + rng.int64(in: 0...(30 * ClusterModel.minute))
        let target = pickShard()
        if plan.clusterFault == .clockSkew { stageClockSkew(on: target, around: time) }
        actions.append((time, .cluster(kind, plan.clusterFault, target)))
      }
      if let fault = plan.terminalInstanceFault {
        let time =
          midnight + 23 * ClusterModel.hour + 10 * ClusterModel.minute
          + rng.int64(in: 0...(10 * ClusterModel.minute))
        actions.append((time, .instance(0, fault)))
      }
      if plan.inProgress == .instanceFreeze {
        let time =
          midnight + 23 * ClusterModel.hour + 40 * ClusterModel.minute
          + rng.int64(in: 0...(8 * ClusterModel.minute))
        actions.append((time, .instanceInProgress))
      }
      if plan.instanceFreeze && !plan.skipped {
        let time =
          midnight + ClusterModel.day + 2 * ClusterModel.hour + 20 * ClusterModel.minute
          + rng.int64(in: 0...(20 * ClusterModel.minute))
        actions.append((time, .instance(rng.below(servers.count), plan.instanceFault)))
      }
    }
    let faults = Set(configuration.faults)
    if faults.contains(.ambiguousLocalTime) {
      guard let time = ambiguousSessionTime() else {
        throw .invalidConfiguration(
          "ambiguous-local-time needs a server zone whose clocks go back inside the period "
            + "(e.g. --timezone Europe/Berlin --start 2021-10-25)")
      }
      actions.append((time, .cluster(.journalCheckpoint, .ambiguousLocalTime, nil)))
    }
    if faults.contains(.insufficientEvidence), servers.count > 1 {
      evidenceStart[servers.count - 1] =
        start + ClusterModel.day + 6 * ClusterModel.hour
        + rng.int64(in: 0...ClusterModel.hour)
    }
    // Every log begins with a startup, so every log states its UTC offset at least once.
    for index in servers.indices { actions.append((evidenceStart[index], .boot(index))) }
    let ordered = actions.enumerated().sorted {
      ($0.element.time, $0.offset) < ($1.element.time, $1.offset)
    }
    checkpointSessionsLeft = ordered.filter { $0.element.action.logsCheckpoint }.count
    for (time, action) in ordered.map(\.element) {
      // A backup in progress ends the evidence: nothing is logged after it.
      guard reportTime == nil else { break }
      perform(action, at: time)
    }
    for index in servers.indices {
      servers[index].advance(to: evidenceEnd[index] - 1)
    }
    try stageZoneMismatch(requested: faults.contains(.zoneMismatch))
  }

  /// The instant a server's written local time denotes (what a reader recovers, reading the
  /// server in its true zone).
  func logged(_ server: Int, _ instant: Int64) -> Int64 {
    let model = servers[server]
    return model.zone.instant(local: model.zone.local(model.clock.shown(instant)))
  }

  /// The first instant, well inside a repeated DST hour of some server's zone, at which a
  /// short checkpoint session fits (with margins on both sides).
  func ambiguousSessionTime() -> Int64? {
    let earliest: Int64 = start + 2 * ClusterModel.hour
    let latest: Int64 = end - 2 * ClusterModel.hour
    var best: Int64?
    for server in servers {
      for window in server.zone.ambiguousFirstPasses
      where window.lowerBound > earliest && window.upperBound < latest {
        if best == nil || window.lowerBound < best! { best = window.lowerBound }
      }
    }
    return best.map { $0 + 15 * ClusterModel.minute }
  }

  /// Puts one server's clock 3.5–5 s off for the night of a session (ramped in and out).
  mutating func stageClockSkew(on server: Int, around time: Int64) {
    let sign: Int64 = rng.chance(0.5) ? 1 : -1
    let excursion = ServerClock.Excursion(
      rampStart: time - 2 * ClusterModel.hour, holdStart: time - 30 * ClusterModel.minute,
      holdEnd: time + 45 * ClusterModel.minute, rampEnd: time + 2 * ClusterModel.hour,
      amount: sign * rng.int64(in: 3_500...5_000))
    servers[server].clock.excursions.append(excursion)
  }

  private mutating func perform(_ action: ScheduledAction, at time: Int64) {
    if action.logsCheckpoint { checkpointSessionsLeft -= 1 }
    switch action {
    case .boot(let server):
      servers[server].restart(time, afterCrash: false)
    case .instanceInProgress:
      // On a server with nothing open: a second open episode would not be "in progress".
      let candidates = servers.indices.filter { index in
        servers[index].isUp && servers[index].openFreeze == nil
          && servers[index].openQuiesce == nil
      }
      guard !candidates.isEmpty else { return }
      runInstanceFreeze(on: rng.pick(candidates), at: time, fault: .backupInProgress)
    case .daytime(let night, let noise):
      runDaytime(night: night, noise: noise, at: time)
    case .cluster(.clusterFreeze, let fault, let target):
      runClusterFreeze(at: time, fault: fault, target: target ?? 0)
    case .cluster(.clusterQuiesce, let fault, let target):
      runClusterQuiesce(at: time, fault: fault, target: target ?? 0)
    case .cluster(_, let fault, _):
      runJournalCheckpoint(at: time, fault: fault)
    case .instance(let server, let fault):
      runInstanceFreeze(on: server, at: time, fault: fault)
    }
  }
}

/// One step of the schedule.
enum ScheduledAction: Sendable, Equatable {
  /// Daytime life: crashes, restarts, and the noise faults of that day.
  case daytime(Int, [FaultKind])
  /// A cluster session of a kind, with its fault and the server the fault concerns.
  case cluster(SessionKind, FaultKind?, Int?)
  /// A single-instance freeze on a server.
  case instance(Int, FaultKind?)
  /// The start of a server's log: it starts up.
  case boot(Int)
  /// The last night's instance freeze still running when the logs end, on a server chosen
  /// when it begins.
  case instanceInProgress

  /// True for the sessions that log a checkpoint number.
  var logsCheckpoint: Bool {
    if case .cluster(let kind, _, _) = self { return kind.logsCheckpoint }
    return false
  }
}
