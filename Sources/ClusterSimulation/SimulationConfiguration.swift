/// Everything that determines a simulated corpus: the same configuration always produces
/// the same bytes.
public struct SimulationConfiguration: Sendable, Equatable {
  /// The seed of every random choice.
  public var seed: UInt64 = 1
  /// Data servers: one master and `serverCount - 1` shards (at least 1).
  public var serverCount = 4
  /// Simulated days, each with one nightly cluster backup (at least 1).
  public var days = 7
  /// The first simulated day (00:00 UTC).
  public var start = CivilDate(year: 2021, month: 8, day: 5)
  /// IANA zones assigned to the servers in turn (master first).
  public var timeZones = ["UTC"]
  /// Faults injected at least once each.
  public var faults: [FaultKind] = []
  /// Probability that a night's session (and a day's noise) carries a random fault.
  public var faultRate = 0.0
  /// Ordinary (non-backup) messages per server and hour, on average.
  public var noisePerHour = 20
  /// The share of those messages that mention a backup class without being a backup event
  /// (`Backup.General.IsWDSuspended returned 0`, a task named after ExternalFreeze), 0–1.
  /// They replace ordinary messages one for one, so the logs' timing and the truth stay the
  /// same whatever the share.
  public var decoyShare = 0.0
  /// Bound of each server's constant clock offset, in milliseconds (0–800).
  public var skewMilliseconds = 250
  /// Rotate `messages.log` when it reaches this size (0: never).
  public var rotateBytes = 0
  /// Gzip rotated files (`messages.old_YYYYMMDD.gz`).
  public var gzipRotated = false
  /// Adds a server `restore1` started from a snapshot of the master taken while frozen
  /// (a restore test, SPEC §4).
  public var restoreTest = false
  /// Log layouts given to the servers in turn (master first).
  public var layouts: [LogLayout] = [.iris]
  /// The approaches the nightly scheduler chooses from.
  public var approaches: [BackupApproach] = BackupApproach.allCases
  /// The envelope the logs are written in (SPEC §3.1): plain files, or as containers, pods and
  /// log shippers keep them.
  public var envelope = SimulatedEnvelope.plain

  /// Creates the default configuration (4 servers, 7 days, no faults).
  public init() {}

  /// `iris-backup-audit simulate OUTDIR` followed by `arguments`.
  public var commandLine: String {
    (["iris-backup-audit", "simulate", "OUTDIR"] + arguments).joined(separator: " ")
  }

  /// The layout of the server at `index`.
  func layout(of index: Int) -> LogLayout { layouts[index % layouts.count] }

  /// The server names: `master`, `shard1`, `shard2`, ….
  public var serverNames: [String] {
    (0..<serverCount).map { $0 == 0 ? "master" : "shard\($0)" }
  }

  /// Checks the values against what the model can honour.
  public func validate() throws(SimulationError) {
    func invalid(_ message: String) -> SimulationError { .invalidConfiguration(message) }
    guard serverCount >= 1, serverCount <= 64 else {
      throw invalid("--servers must be between 1 and 64")
    }
    guard days >= 1, days <= 3660 else { throw invalid("--days must be between 1 and 3660") }
    guard (0...1).contains(faultRate) else { throw invalid("--fault-rate must be between 0 and 1") }
    guard (0...1).contains(decoyShare) else {
      throw invalid("--decoy-share must be between 0 and 1")
    }
    guard noisePerHour >= 0, noisePerHour <= 10_000_000 else {
      throw invalid("--noise-per-hour must be between 0 and 10000000")
    }
    guard (0...800).contains(skewMilliseconds) else {
      throw invalid(
        "--skew-ms must be between 0 and 800, so that skew stays below the 2 s tolerance")
    }
    guard rotateBytes == 0 || rotateBytes >= 4096 else {
      throw invalid("--rotate-bytes must be 0 (never) or at least 4096")
    }
    guard !timeZones.isEmpty, !approaches.isEmpty, !layouts.isEmpty else {
      throw invalid("at least one time zone, one approach and one layout are needed")
    }
    let clusterFaults: Set<FaultKind> = [
      .memberMissing, .checkpointMismatch, .insufficientEvidence,
    ]
    if serverCount < 2, let fault = faults.first(where: clusterFaults.contains) {
      throw invalid("\(fault.rawValue) needs at least 2 servers")
    }
    if serverCount < 3, faults.contains(.clockSkew) {
      throw invalid("clock-skew needs at least 3 servers (a median of two cannot single one out)")
    }
    if serverCount < 3, faults.contains(.checkpointCollision) {
      throw invalid(
        "checkpoint-collision needs at least 3 servers (with two, no number is the majority)")
    }
    // The backup in progress runs on a server with no episode left open by the others.
    let open = Set(faults).intersection([.neverThawed, .neverResumed]).count
    if faults.contains(.backupInProgress), serverCount < open + 1 {
      throw invalid(
        "backup-in-progress with \(open == 1 ? "never-thawed or never-resumed" : "both") "
          + "needs at least \(open + 1) servers")
    }
    let needed = FaultPlanner.nightsNeeded(for: faults)
    guard days >= needed else {
      throw invalid(
        "the faults \(faults.map(\.rawValue).joined(separator: ",")) need --days \(needed) or more")
    }
  }
}

/// The errors of the simulated engine.
public enum SimulationError: Error, Equatable, CustomStringConvertible {
  /// An option is out of range or cannot be honoured.
  case invalidConfiguration(String)
  /// A file or folder could not be written.
  case cannotWrite(path: String, reason: String)

  /// What happened and what to do.
  public var description: String {
    switch self {
    case .invalidConfiguration(let message): return "invalid simulation: \(message)"
    case .cannotWrite(let path, let reason): return "cannot write \(path): \(reason)"
    }
  }
}
