/// What one night brings: the cluster session's approach and fault, an optional
/// single-instance freeze in the small hours, and the daytime noise faults.
struct NightPlan: Sendable, Equatable {
  /// The cluster session's kind, or nil when the night has none (skipped or not scheduled).
  var cluster: SessionKind?
  /// The fault staged in the cluster session.
  var clusterFault: FaultKind?
  /// A second fault staged in the same night, only for the last night's terminal pair.
  var terminalInstanceFault: FaultKind?
  /// Whether a single-instance freeze runs in the small hours after the night.
  var instanceFreeze = false
  var instanceFault: FaultKind?
  /// The night was skipped on purpose (`rpo-exceeded`).
  var skipped = false
  /// Noise faults staged in the day before the night.
  var noise: [FaultKind] = []
  /// Only on the last night: the backup still running when the logs end
  /// (`backup-in-progress`), either the night's cluster freeze or a late instance freeze.
  var inProgress: InProgressBackup?
}

/// Which backup the last night leaves running when the logs end.
enum InProgressBackup: Sendable, Equatable {
  /// The night's cluster freeze (then its `clusterFault` is `backup-in-progress`).
  case clusterFreeze
  /// An instance freeze at 23:40 UTC, after the night's other sessions, on a server with
  /// no episode open.
  case instanceFreeze
}

/// The kind of a backup session (SPEC §4).
enum SessionKind: String, Sendable, Equatable {
  case clusterFreeze = "cluster-freeze"
  case clusterQuiesce = "cluster-quiesce"
  case journalCheckpoint = "journal-checkpoint"
  case instanceFreeze = "instance-freeze"

  /// True for the sessions that log a checkpoint number.
  var logsCheckpoint: Bool { self == .clusterFreeze || self == .journalCheckpoint }
}

/// Assigns approaches and faults to nights: each requested fault at least once on a night
/// of its own (the first night stays clean, terminal faults take the last), then random
/// faults at `faultRate` on the nights left.
enum FaultPlanner {
  /// Nights a list of faults needs: one each, plus a clean first night and the last night.
  static func nightsNeeded(for faults: [FaultKind]) -> Int {
    let staged = Set(faults).filter { $0.stage.takesNight }
    let special = Set(faults).contains { !$0.isNoise }
    return special ? staged.count + 2 : 1
  }

  static func plan(_ configuration: SimulationConfiguration, rng: inout SplitMix64) -> [NightPlan] {
    let days = configuration.days
    let clusterKinds = configuration.approaches.compactMap { approach -> SessionKind? in
      switch approach {
      case .freeze: return .clusterFreeze
      case .quiesce: return .clusterQuiesce
      case .checkpoint: return .journalCheckpoint
      case .instance: return nil
      }
    }
    let instanceEnabled = configuration.approaches.contains(.instance)
    var nights = (0..<days).map { night -> NightPlan in
      var plan = NightPlan()
      plan.cluster = clusterKinds.isEmpty ? nil : rng.pick(clusterKinds)
      let instanceChance = clusterKinds.isEmpty ? 1.0 : 0.3
      plan.instanceFreeze = instanceEnabled && night + 1 < days && rng.chance(instanceChance)
      return plan
    }
    if days > 1, Set(configuration.faults).contains(.insufficientEvidence), nights[0].cluster == nil
    {
      nights[0].cluster = .journalCheckpoint
    }
    var free = days >= 3 ? rng.shuffled(Array(1..<(days - 1))) : []
    for fault in Set(configuration.faults).sorted() {
      stage(fault, in: &nights, free: &free, rng: &rng)
    }
    if configuration.faultRate > 0 {
      addRandomFaults(configuration, nights: &nights, free: free, rng: &rng)
    }
    resolveInProgress(&nights, rng: &rng)
    for night in nights.indices where nights[night].clusterFault == .checkpointCollision {
      giveNeighbourACheckpoint(night, in: &nights, rng: &rng)
    }
    return nights
  }

  private static func stage(
    _ fault: FaultKind, in nights: inout [NightPlan], free: inout [Int],
    rng: inout SplitMix64
  ) {
    let last = nights.count - 1
    switch fault.stage {
    case .clusterFreeze, .clusterQuiesce, .instanceFreeze, .skippedNights, .anyFreeze,
      .checkpointed:
      guard let night = free.popLast() else { return }
      apply(fault, to: &nights[night], rng: &rng)
    case .lastNight where fault == .backupInProgress:
      // Resolved once every fault is placed: it needs to know what else the night holds.
      nights[last].inProgress = .clusterFreeze
      nights[last].instanceFreeze = false
    case .lastNight:
      if let other = nights[last].clusterFault, other != fault {
        // never-thawed and never-resumed together: the quiesce never resumed on one server,
        // then a single-instance freeze on another server is never thawed.
        nights[last].cluster = .clusterQuiesce
        nights[last].clusterFault = .neverResumed
        nights[last].terminalInstanceFault = .neverThawed
      } else {
        nights[last].cluster = fault == .neverThawed ? .clusterFreeze : .clusterQuiesce
        nights[last].clusterFault = fault
      }
      nights[last].instanceFreeze = false
    case .daytime:
      nights[rng.below(nights.count)].noise.append(fault)
    case .special:
      break
    }
  }

  private static func apply(_ fault: FaultKind, to night: inout NightPlan, rng: inout SplitMix64) {
    switch fault.stage {
    case .clusterFreeze:
      night.cluster = .clusterFreeze
      night.clusterFault = fault
    case .clusterQuiesce:
      night.cluster = .clusterQuiesce
      night.clusterFault = fault
    case .instanceFreeze:
      night.instanceFreeze = true
      night.instanceFault = fault
    case .anyFreeze:
      if rng.chance(0.5) {
        night.cluster = .clusterFreeze
        night.clusterFault = fault
      } else {
        night.instanceFreeze = true
        night.instanceFault = fault
      }
    case .checkpointed:
      night.cluster = rng.chance(0.5) ? .clusterFreeze : .journalCheckpoint
      night.clusterFault = fault
    case .skippedNights:
      night = NightPlan(skipped: true)
    default:
      break
    }
  }

  /// The last night's backup in progress: the night's cluster freeze when nothing else is
  /// staged in it (half of the time), else an instance freeze after the night's sessions.
  private static func resolveInProgress(_ nights: inout [NightPlan], rng: inout SplitMix64) {
    let last = nights.count - 1
    guard nights[last].inProgress != nil else { return }
    if nights[last].clusterFault == nil && rng.chance(0.5) {
      nights[last].cluster = .clusterFreeze
      nights[last].clusterFault = .backupInProgress
      nights[last].inProgress = .clusterFreeze
    } else {
      nights[last].inProgress = .instanceFreeze
    }
  }

  /// A checkpoint collision needs a neighbour whose number it repeats: the previous night's
  /// session (or else the next night's) is made to log one when it carries no fault. Night 0
  /// never carries one, so it is the last resort.
  private static func giveNeighbourACheckpoint(
    _ night: Int, in nights: inout [NightPlan], rng: inout SplitMix64
  ) {
    func logsCheckpoint(_ index: Int) -> Bool {
      !nights[index].skipped && nights[index].cluster?.logsCheckpoint == true
    }
    func isFree(_ index: Int) -> Bool {
      nights[index].clusterFault == nil && !nights[index].skipped
    }
    let neighbours = [night - 1, night + 1].filter { nights.indices.contains($0) }
    if neighbours.contains(where: logsCheckpoint) { return }
    let target = neighbours.first(where: isFree) ?? 0
    nights[target].cluster = rng.chance(0.5) ? .clusterFreeze : .journalCheckpoint
  }

  private static func addRandomFaults(
    _ configuration: SimulationConfiguration,
    nights: inout [NightPlan], free: [Int],
    rng: inout SplitMix64
  ) {
    let servers = configuration.serverCount
    let pool = FaultKind.allCases.filter { fault in
      switch fault {
      case .memberMissing, .checkpointMismatch: return servers >= 2
      case .clockSkew, .checkpointCollision: return servers >= 3
      default: return fault.stage.takesNight
      }
    }
    for night in free.sorted()
    where nights[night].clusterFault == nil
      && nights[night].instanceFault == nil && !nights[night].skipped
    {
      if rng.chance(configuration.faultRate) {
        apply(rng.pick(pool), to: &nights[night], rng: &rng)
      }
    }
    let last = nights.count - 1
    if last > 0, nights[last].clusterFault == nil, nights[last].inProgress == nil,
      rng.chance(configuration.faultRate)
    {
      var scratch: [Int] = []
      let terminal: [FaultKind] = [.neverThawed, .neverResumed, .backupInProgress]
      stage(rng.pick(terminal), in: &nights, free: &scratch, rng: &rng)
    }
    for night in nights.indices where rng.chance(configuration.faultRate) {
      nights[night].noise.append(rng.pick([.decoyLines, .writeDaemonDied, .severeNoise]))
    }
  }
}
