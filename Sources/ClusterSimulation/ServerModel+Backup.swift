/// The backup operations of one data server: what `Backup.General` and
/// `Backup.ShardedCluster` do to the model's state, and what they log.
extension ServerModel {
  /// Opens an episode for a session and returns its index.
  mutating func openEpisode(_ kind: Episode.Kind, session: Int) -> Int {
    episodes.append(Episode(kind: kind, session: session, server: index))
    return episodes.count - 1
  }

  /// `ExternalFreeze` begins: logs "Suspending system" and the journalling warnings. When the
  /// server is already frozen the open freeze is marked overlapping and its index returned.
  mutating func beginFreeze(_ time: Int64, pid: Int, session: Int) -> Int {
    advance(to: time)
    if let open = openFreeze {
      episodes[open].overlapping = true
      log(time, pid: pid, BackupMessages.freezeBegin, event: "freeze-begin", episode: open)
      return open
    }
    let episode = openEpisode(.freeze, session: session)
    episodes[episode].freezeBegin = time
    log(time, pid: pid, BackupMessages.freezeBegin, event: "freeze-begin", episode: episode)
    if !unjournaledDatabases.isEmpty {
      for (offset, directory) in unjournaledDatabases.enumerated() {
        log(
          time + 2 + Int64(offset), pid: pid, severity: 1,
          BackupMessages.unjournaledDatabase(directory), event: "unjournaled-database",
          episode: episode)
      }
      log(
        time + 3 + Int64(unjournaledDatabases.count), pid: pid, severity: 1,
        BackupMessages.unjournaledSummary(unjournaledDatabases.count),
        event: "unjournaled-summary", episode: episode)
      episodes[episode].unjournaled = unjournaledDatabases.count
    }
    return episode
  }

  /// The freeze completes: the write daemon is suspended and "System suspended" logged.
  /// A single-instance freeze switches the journal itself (`switchJournal`); a cluster freeze
  /// has switched it at its checkpoint already.
  mutating func completeFreeze(_ time: Int64, pid: Int, episode: Int, switchJournal: Bool) {
    advance(to: time)
    if episodes[episode].frozen != nil {
      // A nested freeze on an already suspended system only confirms it.
      log(time, pid: pid, BackupMessages.frozen, event: "frozen", episode: episode)
      return
    }
    if switchJournal { self.switchJournal(time - 3, pid: pid, episode: episode) }
    log(
      time, pid: pid, BackupMessages.freezeJournalFile(journal.current),
      event: "freeze-journal-file", episode: episode)
    suspendedSince = time
    userProcessesSuspended = false
    bufferPoolFull = false
    bufferPoolEndurance = rng.int64(in: 1_500_000...2_400_000)
    openFreeze = episode
    episodes[episode].suspendedFrom = time
    log(time + 1, pid: pid, BackupMessages.frozen, event: "frozen", episode: episode)
    episodes[episode].frozen = time + 1
  }

  /// Freezing fails on this server: nothing stays suspended (SPEC §2). It says so with
  /// "Failed to suspend system", or with `unrecognised`, a wording the catalogue does not know.
  mutating func failFreeze(_ time: Int64, pid: Int, episode: Int, unrecognised: String? = nil) {
    advance(to: time)
    episodes[episode].failed = true
    if let unrecognised {
      logUnrecognised(time, pid: pid, severity: 2, unrecognised, episode: episode)
      return
    }
    log(
      time, pid: pid, severity: 2,
      BackupMessages.freezeFailed(rng.pick(BackupMessages.freezeFailureReasons)),
      event: "freeze-failed", episode: episode)
  }

  /// A backup class logs a wording the catalogue does not know: an `unrecognised` event.
  mutating func logUnrecognised(
    _ time: Int64, pid: Int, severity: Int, _ text: String, episode: Int
  ) {
    log(time, pid: pid, severity: severity, text, event: "unrecognised", episode: episode)
    episodes[episode].unrecognisedSeverities.append(severity)
  }

  /// ExternalThaw logs "Resuming system" and nothing confirms it (yet): the begun thaw ends
  /// the freeze, and the write daemon stays suspended until something resumes it.
  mutating func beginThaw(_ time: Int64, pid: Int, episode: Int) {
    advance(to: time)
    log(time, pid: pid, BackupMessages.thawBegin, event: "thaw-begin", episode: episode)
    if episodes[episode].thawBegin == nil { episodes[episode].thawBegin = time }
    if openFreeze == episode { openFreeze = nil }
  }

  /// `ExternalThaw` on this server: resumes a suspended write daemon ("System resumed"), or
  /// logs "Already resumed" when it was not suspended. `episode` is the freeze it concerns.
  mutating func thaw(_ time: Int64, pid: Int, episode: Int) {
    advance(to: time)
    log(time, pid: pid, BackupMessages.thawBegin, event: "thaw-begin", episode: episode)
    if episodes[episode].thawBegin == nil { episodes[episode].thawBegin = time }
    if suspendedSince != nil, openFreeze == episode {
      resumeWriteDaemon(time + 40)
      log(
        time + rng.int64(in: 80...900), pid: pid, BackupMessages.thawed, event: "thawed",
        episode: episode)
      episodes[episode].thawed = entries.last!.time
      openFreeze = nil
    } else {
      log(
        time + rng.int64(in: 5...60), pid: pid, BackupMessages.alreadyResumed,
        event: "already-resumed", episode: episode)
      episodes[episode].alreadyResumed = true
      if openFreeze == episode { openFreeze = nil }
    }
  }

  /// `ExternalThaw` reports a failure: the write daemon stays suspended.
  mutating func failThaw(_ time: Int64, pid: Int, episode: Int) {
    advance(to: time)
    log(time, pid: pid, BackupMessages.thawBegin, event: "thaw-begin", episode: episode)
    if episodes[episode].thawBegin == nil { episodes[episode].thawBegin = time }
    log(
      time + rng.int64(in: 200...2_000), pid: pid, severity: 2,
      BackupMessages.thawFailed(rng.pick(BackupMessages.thawFailureReasons)),
      event: "thaw-failed", episode: episode)
    episodes[episode].thawFailed = true
  }

  /// `WDSuspendLimit` resumes the write daemon without a thaw: the backup's later thaw will
  /// find it running and log "Already resumed". `episode` is the freeze whose suspension it
  /// ends when no freeze is open any more (a thaw began and did not resume it).
  mutating func suspendLimitReached(_ time: Int64, limitSeconds: Int, episode: Int? = nil) {
    advance(to: time)
    log(
      time, pid: daemonPids[1], severity: 1,
      "Write daemon suspension limit (WDSuspendLimit=\(limitSeconds)) reached: write daemon restarted without ExternalThaw"
    )
    resumeWriteDaemon(time + 2, episode: episode)
  }

  /// The write daemon writes its backlog and runs again; the suspension it ends is the open
  /// freeze's, else `episode`'s.
  mutating func resumeWriteDaemon(_ time: Int64, episode: Int? = nil) {
    if let open = openFreeze ?? episode { episodes[open].suspendedTo = time }
    suspendedSince = nil
    if userProcessesSuspended {
      log(
        time + 1, pid: daemonPids[1],
        "Write daemon running: suspended processes may update databases again")
    }
    userProcessesSuspended = false
    bufferPoolFull = false
  }

  /// `Quiesce` on this server: "Quiescing system", then "System quiesced" unless it times
  /// out (then nothing stays quiesced). Returns the episode (a new one unless `episode`).
  @discardableResult
  mutating func quiesce(
    _ time: Int64, pid: Int, session: Int, episode given: Int? = nil,
    timesOutAfter timeout: Int64? = nil
  ) -> Int {
    advance(to: time)
    let episode = given ?? openEpisode(.quiesce, session: session)
    log(time, pid: pid, BackupMessages.quiesceBegin, event: "quiesce-begin", episode: episode)
    if episodes[episode].quiesceBegin == nil {
      episodes[episode].quiesceBegin = time
      episodes[episode].coordinated = time
    }
    if let timeout {
      log(
        time + timeout, pid: pid, severity: 2,
        BackupMessages.quiesceTimeout(rng.pick(BackupMessages.quiesceActivities)),
        event: "quiesce-timeout", episode: episode)
      episodes[episode].timedOut = true
      return episode
    }
    let done = time + rng.int64(in: 60...900)
    log(done, pid: pid, BackupMessages.quiesced, event: "quiesced", episode: episode)
    episodes[episode].quiesced = done
    openQuiesce = episode
    return episode
  }

  /// `Resume` on this server. Without an open quiesce it is an orphan Resume, recorded as
  /// the episode `orphan` (an episode of its own, with no quiesce-begin).
  mutating func resume(_ time: Int64, pid: Int, episode: Int?, orphan: Int? = nil) {
    advance(to: time)
    let target = openQuiesce ?? orphan ?? episode
    if openQuiesce == nil, let orphan {
      episodes[orphan].orphanResume = time
    }
    log(time, pid: pid, BackupMessages.resumeBegin, event: "resume-begin", episode: target)
    let done = time + rng.int64(in: 20...400)
    log(done, pid: pid, BackupMessages.resumed, event: "resumed", episode: target)
    if let open = openQuiesce, episodes[open].resumed == nil { episodes[open].resumed = done }
    openQuiesce = nil
  }

  /// The checkpoint step of `JournalCheckpoint`: switches the journal and logs the number
  /// with the file that ended at it (`logsNumber` false: the message is missing here).
  mutating func checkpoint(_ time: Int64, pid: Int, number: Int, episode: Int, logsNumber: Bool) {
    advance(to: time)
    let ended = switchJournal(time, pid: pid, episode: episode)
    if logsNumber {
      log(
        time + 1, pid: pid, BackupMessages.checkpoint(number, ended),
        event: "journal-checkpoint", episode: episode)
      episodes[episode].checkpoint = number
    }
  }
}
