/// The rules of SPEC §5 applied to the model's episodes (the model knows which episode each
/// line belongs to; an audit has to work that out from the logs).
extension TruthBuilder {
  /// Rules about one server's episode.
  mutating func judge(_ episode: Episode, session: String) {
    let server = episode.server
    let start = logged(server, episode.start)
    func add(_ rule: FaultKind, at time: Int64 = start) {
      self.add(rule, server: server, session: session, time: time)
    }
    if episode.kind == .freeze {
      if episode.failed || (episode.frozen == nil && !episode.crashed) { add(.freezeFailed) }
      // "Already resumed" after a freeze that never reached "System suspended" says nothing.
      if episode.alreadyResumed && !episode.failed && episode.frozen != nil {
        add(.alreadyResumed)
      }
      if episode.thawFailed { add(.thawFailed) }
      if let thawed = episode.thawed, let begin = episode.freezeBegin {
        let duration = logged(server, thawed) - logged(server, begin)
        if duration > SimulationTruth.freezeTimeout {
          add(.freezeTimeoutExceeded)
        } else if duration > SimulationTruth.nearTimeout {
          add(.freezeNearTimeout)
        }
      }
      let confirmed = episode.thawed != nil || episode.alreadyResumed || episode.thawFailed
      if !confirmed && !episode.crashed && !episode.failed {
        if let elapsed = elapsedWhileRunning(start, within: SimulationTruth.freezeTimeout) {
          sessionsInProgress.insert(session)
          if elapsed > SimulationTruth.nearTimeout { add(.freezeNearTimeout) }
        } else {
          // A begun thaw ends the freeze: unconfirmed, never "never thawed".
          add(episode.thawBegin == nil ? .neverThawed : .thawUnconfirmed)
        }
      }
      if episode.crashed { add(.crashWhileFrozen) }
      if episode.unjournaled > 0 { add(.unjournaledDatabases) }
      if episode.overlapping { add(.overlappingFreeze) }
      if let worst = episode.unrecognisedSeverities.max() {
        self.add(
          .unrecognisedBackupMessage, server: server, session: session, time: start,
          severity: worst >= 2 ? "critical" : "warning")
      }
    } else if episode.kind == .quiesce {
      if episode.timedOut { add(.quiesceTimeout) }
      // An orphan Resume (no quiesce-begin) is an episode of its own, judged below.
      let isOrphan = episode.quiesceBegin == nil
      if episode.resumed == nil && !episode.timedOut && !isOrphan {
        if elapsedWhileRunning(start, within: SimulationTruth.maximumQuiesce) != nil {
          sessionsInProgress.insert(session)
        } else {
          add(.neverResumed)
        }
      }
      if let quiesced = episode.quiesced, let resumed = episode.resumed,
        logged(server, resumed) - logged(server, quiesced) > SimulationTruth.maximumQuiesce
      {
        add(.quiesceTooLong)
      }
    }
    if let orphan = episode.orphanResume { add(.resumeWithoutQuiesce, at: logged(server, orphan)) }
    if episode.eventTimes.contains(where: model.servers[server].isAmbiguous(at:)) {
      add(.ambiguousLocalTime)
    }
  }

  /// How long an unfinished episode that began at `start` (logged) has run at the report time,
  /// while that is within `limit`: nil when it is no longer in progress. Only an episode
  /// still open when its server's evidence ends can be this recent (SPEC §4): every other
  /// unfinished one began days, or at least twenty minutes, before the report time.
  func elapsedWhileRunning(_ start: Int64, within limit: Int64) -> Int64? {
    guard let reportTime = model.reportTime, reportTime - start <= limit else { return nil }
    return reportTime - start
  }

  /// Rules about the session as a whole: missing members, checkpoints, clocks.
  mutating func judgeSession(
    _ session: SimulationTruth.Session, plan: PlannedSession,
    episodes: [Episode]
  ) {
    guard plan.kind != .instanceFreeze else { return }
    let present = Set(episodes.map(\.server))
    for member in plan.members where !present.contains(member) {
      let covered = model.evidenceStart[member] < plan.trueStart
      add(
        covered ? .memberMissing : .insufficientEvidence, server: member, session: session.id,
        time: session.start)
    }
    if plan.kind != .clusterQuiesce, let majority = session.checkpoint {
      for episode in episodes where episode.checkpoint != majority {
        add(
          .checkpointMismatch, server: episode.server, session: session.id,
          time: logged(episode.server, episode.start))
      }
    }
    let references = episodes.compactMap { episode in
      episode.coordinated.map { (episode, logged(episode.server, $0)) }
    }
    guard references.count >= 2 else { return }
    let sorted = references.map(\.1).sorted()
    let middle = sorted.count / 2
    let median = sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    for (episode, time) in references where abs(time - median) > SimulationTruth.skewTolerance {
      add(
        .clockSkew, server: episode.server, session: session.id,
        time: logged(episode.server, episode.start))
    }
  }

  /// `rpo-exceeded` (with `--rpo 36h`): gaps between the starts of consecutive consistent
  /// sessions (by their verdict), and from the last one's start to the end of the evidence.
  /// The finding names the consistent session the gap starts after, at that session's start.
  mutating func judgeRecoveryPoint(_ sessions: [SimulationTruth.Session]) {
    let consistent = sessions.filter { $0.verdict == "consistent" }.sorted { $0.start < $1.start }
    let limit = SimulationTruth.recoveryPointObjective
    let evidenceEnd =
      model.servers.indices.map { logged($0, model.evidenceEnd[$0] - 1) }.max() ?? model.end
    guard let last = consistent.last else {
      let evidenceStart =
        model.servers.indices.map { logged($0, model.evidenceStart[$0]) }.min() ?? model.start
      if evidenceEnd - evidenceStart > limit {
        add(.rpoExceeded, server: nil, session: nil, time: evidenceStart)
      }
      return
    }
    for (earlier, later) in zip(consistent, consistent.dropFirst())
    where later.start - earlier.start > limit {
      add(.rpoExceeded, server: nil, session: earlier.id, time: earlier.start)
    }
    if evidenceEnd - last.start > limit {
      add(.rpoExceeded, server: nil, session: last.id, time: last.start)
    }
  }

  /// `zone-mismatch`: the server whose configured zone is wrong, at the UTC instant its
  /// first `instance-start` states (its clock's reading, written in the line).
  mutating func judgeZones() {
    guard let server = model.mismatchedServer, let first = model.firstInstanceStart(server)
    else { return }
    add(
      .zoneMismatch, server: server, session: nil,
      time: model.servers[server].clock.shown(first.time))
  }
}
