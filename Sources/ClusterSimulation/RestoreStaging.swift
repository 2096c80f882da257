/// Stages a restore test: a copy of the master started from a snapshot taken during a
/// consistent cluster freeze. Its log is the master's up to the snapshot (the snapshot holds
/// the log file too), then the startup recovery of an instance that was frozen. Half of the
/// time the copy's log begins at the master's "System suspended" line instead, as the public
/// Azure restore example shows it.
struct RestoreStaging {
  /// The restored instance's model, ready for the writer (its log ends an hour after the
  /// restart), where its written evidence begins, and what the truth says about it.
  var server: ServerModel
  var evidenceStart: Int64
  var end: Int64
  var restoreTest: SimulationTruth.RestoreTest

  static let name = "restore1"

  /// Picks the latest consistent cluster freeze that leaves three hours before the end of
  /// the evidence, or nil when there is none.
  static func stage(_ model: ClusterModel, truth: SimulationTruth, sessionIDs: [Int: String])
    -> RestoreStaging?
  {
    let master = model.servers[0]
    let consistent = Set(truth.sessions.filter { $0.verdict == "consistent" }.map(\.id))
    let hour = ClusterModel.hour
    let evidenceEnd = model.evidenceEnd.max()!
    let candidates = master.episodes.filter { episode in
      guard let id = sessionIDs[episode.session], consistent.contains(id),
        model.sessions[episode.session].kind == .clusterFreeze,
        let frozen = episode.frozen, let thawed = episode.thawed
      else { return false }
      return thawed - frozen > 10_000 && frozen + 3 * hour < evidenceEnd
    }
    guard let episode = candidates.last, let frozen = episode.frozen else { return nil }
    var rng = model.rng.derived(0x7265_7374)
    let snapshot = frozen + rng.int64(in: 2_000...8_000)
    let restart = min(snapshot + rng.int64(in: 2 * hour...6 * hour), evidenceEnd - hour)
    let beginsAtFrozen = rng.chance(0.5)
    let evidenceStart = beginsAtFrozen ? frozen : model.evidenceStart[0]
    var server = master
    server.name = RestoreStaging.name
    server.role = "restored"
    server.entries = master.entries.filter { $0.time >= evidenceStart && $0.time <= snapshot }
    server.episodes = []
    server.downIntervals = master.downIntervals.filter { $0.upperBound < snapshot }
    server.downIntervals.append((snapshot + 1)...(snapshot + 1))
    server.isUp = false
    server.openFreeze = nil
    server.openQuiesce = nil
    server.suspendedSince = nil
    server.now = snapshot
    if let file = master.entries.last(where: { $0.time <= snapshot && $0.event == "journal-switch" }
    )?
    .continuation.first, let journal = journalState(file) {
      server.journal = journal
    }
    server.nextSizeSwitch = restart + 2 * hour
    server.nextMidnight = server.midnight(after: restart)
    server.restart(restart, afterCrash: true)
    server.advance(to: restart + hour - 1)
    let recovery = server.entries.first { $0.time >= snapshot && $0.event == "recovery" }!.time
    let restoreTest = SimulationTruth.RestoreTest(
      server: RestoreStaging.name, restoredFrom: master.name,
      session: sessionIDs[episode.session]!, snapshotTime: model.logged(0, snapshot),
      restoredAt: TruthBuilder(model: model).loggedRecovery(0, recovery))
    return RestoreStaging(
      server: server, evidenceStart: evidenceStart, end: restart + hour,
      restoreTest: restoreTest)
  }

  /// The journal state whose current file is `path` (`/iris/journal1/20210811.003`).
  static func journalState(_ path: String) -> JournalState? {
    guard let slash = path.lastIndex(of: "/") else { return nil }
    let name = path[path.index(after: slash)...]
    let parts = name.split(separator: ".")
    guard parts.count == 2, parts[0].count == 8, let stamp = Int(parts[0]),
      let sequence = Int(parts[1])
    else { return nil }
    let date = CivilDate(year: stamp / 10_000, month: stamp / 100 % 100, day: stamp % 100)
    return JournalState(directory: String(path[...slash]), date: date, sequence: sequence)
  }

  /// The events the reader must find in the restored log.
  var expectedEvents: [String: Int] {
    var counts: [String: Int] = [:]
    for entry in server.entries { if let event = entry.event { counts[event, default: 0] += 1 } }
    return counts
  }
}
