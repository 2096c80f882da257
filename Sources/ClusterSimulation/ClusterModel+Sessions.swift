/// The choreography of each kind of backup session (SPEC §2), with the faults staged in it.
extension ClusterModel {
  /// Approach 3: `ExternalFreeze` on every data server, with its internal checkpoint (whose
  /// Quiesce/Resume lines appear inside the freeze), the snapshots, then `ExternalThaw` from
  /// another process.
  mutating func runClusterFreeze(at start: Int64, fault: FaultKind?, target: Int) {
    let seconds: ClosedRange<Int64> =
      switch fault {
      case .freezeNearTimeout: 495...580
      case .freezeTimeoutExceeded: 630...880
      case .alreadyResumed, .crashWhileFrozen: 240...400
      // The nested freeze begins 30–90 s in and must come before the thaw.
      case .overlappingFreeze: 120...400
      case .thawFailed: 60...300
      default: 45...400
      }
    let duration = rng.int64(in: seconds) * 1000 + rng.int64(in: 0...999)
    let session = addSession(
      .clusterFreeze, members: Array(servers.indices), at: start,
      fault: fault, target: target)
    let (number, collision) = takeCheckpoint(fault: fault)
    let wording =
      fault == .unrecognisedBackupMessage ? UnrecognisedWording.pick(&rng, inCluster: true) : nil
    if fault == .unjournaledDatabases {
      setJournaling(
        on: target, enabled: false, at: start - rng.int64(in: 30...90) * ClusterModel.minute)
    }
    var episodes: [Int] = []
    for index in servers.indices {
      let pid = servers[index].newPid()
      let jitter = self.jitter()
      let episode = servers[index].beginFreeze(start + jitter, pid: pid, session: session)
      if wording == .freezeNote && index == target {
        logFreezeNote(on: index, at: start + 60 + jitter, pid: pid, episode: episode)
      }
      servers[index].quiesce(start + 300 + jitter, pid: pid, session: session, episode: episode)
      servers[index].checkpoint(
        start + 1_400 + jitter, pid: pid, number: index == target ? collision ?? number : number,
        episode: episode, logsNumber: !(fault == .checkpointMismatch && index == target))
      servers[index].resume(start + 1_700 + jitter, pid: pid, episode: episode)
      servers[index].completeFreeze(
        start + 2_100 + jitter, pid: pid, episode: episode,
        switchJournal: false)
      episodes.append(episode)
    }
    switch fault {
    case .overlappingFreeze:
      let time = start + rng.int64(in: 30...90) * 1000
      let pid = servers[target].newPid()
      let nested = servers[target].beginFreeze(time, pid: pid, session: session)
      servers[target].completeFreeze(time + 700, pid: pid, episode: nested, switchJournal: true)
    case .alreadyResumed:
      let limit = rng.int(in: 120...Int(duration / 1000 - 60))
      servers[target].suspendLimitReached(start + Int64(limit) * 1000, limitSeconds: limit)
    case .crashWhileFrozen:
      servers[target].crash(start + rng.int64(in: 30_000...(duration - 30_000)))
    case .backupInProgress:
      leaveInProgress(begin: start, members: Array(zip(servers.indices, episodes)))
      return
    default:
      break
    }
    for index in servers.indices where servers[index].isUp {
      if fault == .neverThawed && index == target { continue }
      let time = start + duration + jitter()
      if fault == .thawFailed && index == target {
        servers[index].failThaw(time, pid: servers[index].newPid(), episode: episodes[index])
        let retry = time + rng.int64(in: 30...90) * 1000
        servers[index].thaw(retry, pid: servers[index].newPid(), episode: episodes[index])
      } else if index == target && (fault == .thawUnconfirmed || wording == .thawReply) {
        thawWithoutConfirmation(
          on: index, at: time, episode: episodes[index], reply: wording == .thawReply)
      } else {
        servers[index].thaw(time, pid: servers[index].newPid(), episode: episodes[index])
      }
    }
    if fault == .crashWhileFrozen {
      let time = start + duration + rng.int64(in: 300...900) * 1000
      servers[target].restart(time, afterCrash: true, episode: episodes[target])
    }
    if fault == .unjournaledDatabases {
      setJournaling(on: target, enabled: true, at: start + duration + 20 * ClusterModel.minute)
    }
  }

  /// The number a session logs on its members, and the one a collision's target logs
  /// instead: the previous session's number or the next one's, whichever exists (both: at
  /// random), so the number really appears in two sessions.
  mutating func takeCheckpoint(fault: FaultKind?) -> (number: Int, collision: Int?) {
    let number = nextCheckpoint
    nextCheckpoint += 1
    defer { checkpointSessionsRun += 1 }
    guard fault == .checkpointCollision else { return (number, nil) }
    var options: [Int] = []
    if checkpointSessionsRun > 0 { options.append(number - 1) }
    if checkpointSessionsLeft > 0 { options.append(number + 1) }
    return (number, options.isEmpty ? number + 1 : rng.pick(options))
  }

  /// Approach 2: `Quiesce` on every data server, backups, then `Resume` from the same job.
  mutating func runClusterQuiesce(at start: Int64, fault: FaultKind?, target: Int) {
    let seconds: ClosedRange<Int64> = fault == .quiesceTooLong ? 330...450 : 45...240
    let duration = rng.int64(in: seconds) * 1000 + rng.int64(in: 0...999)
    let session = addSession(
      .clusterQuiesce, members: Array(servers.indices), at: start,
      fault: fault, target: target)
    var episodes: [Int?] = Array(repeating: nil, count: servers.count)
    var pids: [Int] = []
    for index in servers.indices {
      pids.append(servers[index].newPid())
      if fault == .memberMissing && index == target { continue }
      let timeout: Int64? =
        fault == .quiesceTimeout && index == target ? 60_000 + rng.int64(in: 0...300) : nil
      episodes[index] = servers[index].quiesce(
        start + jitter(), pid: pids[index], session: session,
        timesOutAfter: timeout)
    }
    if fault == .quiesceTimeout {
      // The failed Quiesce leaves no server quiesced: the job resumes the others.
      for index in servers.indices where index != target {
        servers[index].resume(start + 60_500 + jitter(), pid: pids[index], episode: episodes[index])
      }
      return
    }
    for index in servers.indices where episodes[index] != nil {
      if fault == .neverResumed && index == target { continue }
      servers[index].resume(start + duration + jitter(), pid: pids[index], episode: episodes[index])
    }
    if fault == .resumeWithoutQuiesce {
      // The script calls Resume a second time: with no quiesce open, each server logs a
      // Resume of its own, a session of its own.
      let time = start + duration + rng.int64(in: 20...90) * 1000
      sessions[session].fault = nil
      let orphans = addSession(
        .clusterQuiesce, members: Array(servers.indices), at: time,
        fault: fault, target: nil)
      for index in servers.indices where episodes[index] != nil {
        let orphan = servers[index].openEpisode(.quiesce, session: orphans)
        servers[index].resume(
          time + jitter(), pid: servers[index].newPid(), episode: nil,
          orphan: orphan)
      }
    }
  }

  /// Approach 1: `JournalCheckpoint` after the uncoordinated backups: a brief quiesce, a
  /// journal switch and the checkpoint number on every data server.
  mutating func runJournalCheckpoint(at start: Int64, fault: FaultKind?) {
    let target = fault == .checkpointCollision ? pickShard() : -1
    let session = addSession(
      .journalCheckpoint, members: Array(servers.indices), at: start,
      fault: fault, target: fault == .checkpointCollision ? target : nil)
    let (number, collision) = takeCheckpoint(fault: fault)
    for index in servers.indices {
      let pid = servers[index].newPid()
      let jitter = self.jitter()
      let episode = servers[index].openEpisode(.checkpoint, session: session)
      servers[index].quiesce(start + jitter, pid: pid, session: session, episode: episode)
      servers[index].checkpoint(
        start + 1_000 + jitter, pid: pid, number: index == target ? collision ?? number : number,
        episode: episode, logsNumber: true)
      servers[index].resume(start + 1_300 + jitter, pid: pid, episode: episode)
    }
  }

  /// A single-instance `Backup.General` freeze, as the Azure pre- and post-scripts run it:
  /// a snapshot of a few seconds between freeze and thaw. When freezing fails, the
  /// pre-script calls ExternalThaw at once, which logs "Already resumed".
  mutating func runInstanceFreeze(on server: Int, at start: Int64, fault: FaultKind?) {
    let session = addSession(
      .instanceFreeze, members: [server], at: start, fault: fault,
      target: server)
    let wording =
      fault == .unrecognisedBackupMessage ? UnrecognisedWording.pick(&rng, inCluster: false) : nil
    let pid = servers[server].newPid()
    let episode = servers[server].beginFreeze(start, pid: pid, session: session)
    if wording == .freezeNote {
      logFreezeNote(on: server, at: start + 60, pid: pid, episode: episode)
    }
    if fault == .freezeFailed || wording == .freezeFailure {
      let failed = start + rng.int64(in: 1_000...30_000)
      let unknown = wording == .freezeFailure ? rng.pick(UnrecognisedWording.freezeFailures) : nil
      servers[server].failFreeze(failed, pid: pid, episode: episode, unrecognised: unknown)
      let thaw = failed + rng.int64(in: 2_000...10_000)
      servers[server].thaw(thaw, pid: servers[server].newPid(), episode: episode)
      return
    }
    servers[server].completeFreeze(
      start + rng.int64(in: 200...900), pid: pid, episode: episode,
      switchJournal: true)
    if fault == .backupInProgress {
      leaveInProgress(begin: start, members: [(server, episode)])
      return
    }
    guard fault != .neverThawed else { return }
    let thaw = start + rng.int64(in: 4_000...45_000)
    if fault == .thawUnconfirmed || wording == .thawReply {
      thawWithoutConfirmation(on: server, at: thaw, episode: episode, reply: wording == .thawReply)
    } else {
      servers[server].thaw(thaw, pid: servers[server].newPid(), episode: episode)
    }
  }

  /// An operator turns journaling off (or back on) for two scratch databases.
  mutating func setJournaling(on server: Int, enabled: Bool, at time: Int64) {
    let directories = ["/iris/db/scratch/", "/iris/db/staging/"]
    servers[server].advance(to: time)
    let pid = servers[server].newPid()
    for (offset, directory) in directories.enumerated() {
      servers[server].log(
        time + Int64(offset) * 15, pid: pid,
        "Journal state of database \(directory) changed by operator: journal=\(enabled ? "Y" : "N")"
      )
    }
    servers[server].unjournaledDatabases = enabled ? [] : directories
  }
}
