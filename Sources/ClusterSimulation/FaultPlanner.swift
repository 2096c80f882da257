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
}

/// The kind of a backup session (SPEC §4).
enum SessionKind: String, Sendable, Equatable {
  case clusterFreeze = "cluster-freeze"
  case clusterQuiesce = "cluster-quiesce"
  case journalCheckpoint = "journal-checkpoint"
  case instanceFreeze = "instance-freeze"
}

/// Assigns approaches and faults to nights: each requested fault at least once on a night
/// of its own (the first night stays clean, terminal faults take the last), then random
/// faults at `faultRate` on the nights left.
enum FaultPlanner {
  /// Nights a list of faults needs: one each, plus a clean first night and the last night.
  static func nightsNeeded(for faults: [FaultKind]) -> Int {
    let staged = Set(faults).filter { fault in
      [.clusterFreeze, .clusterQuiesce, .instanceFreeze, .skippedNights].contains(fault.stage)
    }
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
    return nights
  }

  private static func stage(
    _ fault: FaultKind, in nights: inout [NightPlan], free: inout [Int],
    rng: inout SplitMix64
  ) {
    let last = nights.count - 1
    switch fault.stage {
    case .clusterFreeze, .clusterQuiesce, .instanceFreeze, .skippedNights:
      guard let night = free.popLast() else { return }
      apply(fault, to: &nights[night])
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

  private static func apply(_ fault: FaultKind, to night: inout NightPlan) {
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
    case .skippedNights:
      night = NightPlan(skipped: true)
    default:
      break
    }
  }

  private static func addRandomFaults(
    _ configuration: SimulationConfiguration,
    nights: inout [NightPlan], free: [Int],
    rng: inout SplitMix64
  ) {
    let servers = configuration.serverCount
    let pool = FaultKind.rules.filter { fault in
      switch fault {
      case .memberMissing, .checkpointMismatch: return servers >= 2
      case .clockSkew: return servers >= 3
      default:
        return [.clusterFreeze, .clusterQuiesce, .instanceFreeze, .skippedNights].contains(
          fault.stage)
      }
    }
    for night in free.sorted()
    where nights[night].clusterFault == nil
      && nights[night].instanceFault == nil && !nights[night].skipped
    {
      if rng.chance(configuration.faultRate) { apply(rng.pick(pool), to: &nights[night]) }
    }
    let last = nights.count - 1
    if last > 0, nights[last].clusterFault == nil, rng.chance(configuration.faultRate) {
      var scratch: [Int] = []
      stage(rng.chance(0.5) ? .neverThawed : .neverResumed, in: &nights, free: &scratch, rng: &rng)
    }
    for night in nights.indices where rng.chance(configuration.faultRate) {
      nights[night].noise.append(rng.pick([.decoyLines, .writeDaemonDied, .severeNoise]))
    }
  }
}
