/// Crashes, shutdowns and restarts: the restart after a crash runs startup recovery, and a
/// crash clears a freeze or a quiesce, since a suspended write daemon does not survive it.
extension ServerModel {
  /// The instance stops without a word (a crash, or `forced down`).
  mutating func crash(_ time: Int64) {
    advance(to: time)
    if let open = openFreeze {
      episodes[open].crashed = true
      episodes[open].suspendedTo = time
    }
    openFreeze = nil
    openQuiesce = nil
    suspendedSince = nil
    userProcessesSuspended = false
    bufferPoolFull = false
    isUp = false
    downIntervals.append(time...time)
  }

  /// An orderly shutdown: the last messages, then silence.
  mutating func shutDown(_ time: Int64) {
    advance(to: time)
    let control = daemonPids[0]
    log(
      time, pid: control, category: BackupMessages.generic,
      "Shutting down InterSystems IRIS (operator request)")
    log(time + 850, pid: control, "Stopping all user processes and disabling logins")
    log(time + 2_400, pid: control, BackupMessages.cleanShutdown, event: "clean-shutdown")
    log(time + 2_450, pid: control, "Shutdown complete")
    isUp = false
    downIntervals.append((time + 2_451)...(time + 2_451))
  }

  /// The instance starts again at `time`: after a crash, startup recovery first writes its
  /// block (dated in its own text, to the second), and the startup says the previous
  /// shutdown was abnormal; IRIS 2024.1 and later log the instance's start with its UTC time
  /// just before the startup. Returns the instant of the startup entry. When `episode` is
  /// given (a crash while frozen), the recovery and startup end that episode.
  @discardableResult
  mutating func restart(_ time: Int64, afterCrash: Bool, episode: Int? = nil) -> Int64 {
    // Background work due while the instance was down is skipped, not replayed later.
    advance(to: time)
    if let last = downIntervals.indices.last {
      downIntervals[last] = downIntervals[last].lowerBound...(time - 1)
    }
    now = max(now, time)
    var cursor = time
    let recoveryPid = newPid()
    if afterCrash {
      let second = (time / 1000) * 1000
      entries.append(
        LogEntry(
          time: second, pid: recoveryPid, severity: 0, category: nil,
          text: "", continuation: BackupMessages.recoveryLines,
          shape: .recoveryBlock, event: "recovery"))
      if let episode { episodes[episode].recovery = second }
      cursor += rng.int64(in: 2_000...9_000)
    }
    daemonPids = (0..<4).map { _ in newPid() }
    let control = daemonPids[0]
    if writesInstanceStart {
      // It states the server's own UTC reading, the instant its local timestamp denotes.
      log(
        cursor, pid: control, category: BackupMessages.generic,
        BackupMessages.instanceStart(node: name, utc: clock.shown(cursor)),
        event: "instance-start")
      cursor += rng.int64(in: 2...25)
    }
    log(
      cursor, pid: control, category: BackupMessages.generic, "", event: "startup",
      continuation: BackupMessages.startupLines(server: name, recent: writesInstanceStart))
    isUp = true
    if afterCrash {
      log(
        cursor + 40, pid: control, severity: 2, BackupMessages.abnormalShutdown,
        event: "abnormal-shutdown")
      log(cursor + 300, pid: control, "Journal restore started: applying 2 journal files")
      log(cursor + rng.int64(in: 2_000...30_000), pid: control, "Journal restore completed")
    }
    let afterRecovery = entries.last!.time
    log(afterRecovery + 120, pid: control, "Private global pool: 1,048,576 bytes")
    // A midnight switch due in between comes first, so journal files keep their order.
    advance(to: afterRecovery + 400)
    switchJournal(afterRecovery + 400, pid: daemonPids[2])
    log(afterRecovery + 900, pid: control, "Enabling logons")
    log(afterRecovery + 950, pid: control, "LMF Info:  Licensed for 64 users.")
    log(afterRecovery + 1_100, pid: control, category: BackupMessages.generic, "Startup complete")
    return cursor
  }

  /// True when the instance was down (logging nothing) at a true instant.
  func isDown(at instant: Int64) -> Bool {
    downIntervals.contains { $0.contains(instant) }
  }
}
