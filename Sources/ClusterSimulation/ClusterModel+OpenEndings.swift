/// Backups whose end the logs do not confirm: an unknown wording from a backup class, a thaw
/// that nothing confirms, and a backup still running when every log ends (SPEC §4, §8).
extension ClusterModel {
  /// The latest a freeze in progress may have begun before the report time without a
  /// finding (80 % of the timeout, less a margin for the members' clocks).
  static let quietElapsed: Int64 = 470_000
  /// The window past 80 % of the timeout in which a freeze in progress is near its timeout.
  static let nearElapsed: ClosedRange<Int64> = 490_000...590_000

  /// Logs an unknown informational line (`UnrecognisedWording.freezeNote`) inside a freeze.
  mutating func logFreezeNote(on server: Int, at time: Int64, pid: Int, episode: Int) {
    let note = rng.pick(UnrecognisedWording.freezeNotes)
    servers[server].logUnrecognised(
      time + rng.int64(in: 0...120), pid: pid, severity: note.severity, note.text,
      episode: episode)
  }

  /// ExternalThaw begins and nothing confirms it (`thaw-unconfirmed`). Either its process
  /// resumed the write daemon and was killed before it could say so, or the write daemon did
  /// not respond (with `reply`, an unknown severe line says so) and stays suspended until
  /// `WDSuspendLimit` resumes it minutes later.
  mutating func thawWithoutConfirmation(on server: Int, at time: Int64, episode: Int, reply: Bool) {
    let pid = servers[server].newPid()
    servers[server].beginThaw(time, pid: pid, episode: episode)
    if reply {
      servers[server].logUnrecognised(
        time + rng.int64(in: 30...400), pid: pid, severity: 2,
        rng.pick(UnrecognisedWording.thawReplies), episode: episode)
    }
    if !reply && rng.chance(0.5) {
      servers[server].resumeWriteDaemon(time + 40, episode: episode)
      return
    }
    let release = time + rng.int64(in: 120...600) * 1000
    let since = servers[server].suspendedSince ?? time
    servers[server].suspendLimitReached(
      release, limitSeconds: Int((release - since) / 1000), episode: episode)
  }

  /// The last backup is still running when the logs end (`backup-in-progress`): frozen and
  /// not thawed, or (a third of the time) its thaw has begun and one member's confirmation
  /// is not written yet. Every log ends 30–120 s after the freeze-begin, and the report time
  /// is chosen before 80 % of the timeout, or (for a frozen backup, half of the time) past it.
  mutating func leaveInProgress(begin: Int64, members: [(server: Int, episode: Int)]) {
    let thawBegun = rng.chance(1.0 / 3.0)
    if thawBegun {
      let slow = rng.pick(members.map(\.server))
      let time = begin + rng.int64(in: 8_000...25_000)
      for (server, episode) in members {
        let pid = servers[server].newPid()
        if server == slow {
          // The thaw is waiting for this write daemon: the log ends before it answers.
          servers[server].beginThaw(time + jitter(), pid: pid, episode: episode)
        } else {
          servers[server].thaw(time + jitter(), pid: pid, episode: episode)
        }
      }
    }
    endEvidence(after: begin)
    let open = members.filter { servers[$0.server].episodes[$0.episode].thawed == nil }
    let begins = open.map { logged($0.server, servers[$0.server].episodes[$0.episode].start) }
    let lastLine = evidenceEnd.max()!
    let latest = servers.indices.map { logged($0, lastLine) }.max()!
    if thawBegun || rng.chance(0.5) {
      reportTime = rng.int64(in: (latest + 1_000)...(begins.min()! + ClusterModel.quietElapsed))
    } else {
      reportTime = rng.int64(
        in: (begins.max()! + ClusterModel.nearElapsed.lowerBound)...(begins.min()!
          + ClusterModel.nearElapsed.upperBound))
    }
  }

  /// Ends every server's evidence 30–120 s after `begin` (and after its last entry), and
  /// before any event its background would log next: a journal switch after an unconfirmed
  /// thaw would be the server's next backup event, which ends the wait for a confirmation.
  mutating func endEvidence(after begin: Int64) {
    for index in servers.indices {
      // What a server's background logged before the backup began stays (a midnight switch).
      servers[index].advance(to: begin)
      let last = servers[index].entries.map(\.time).max() ?? begin
      var end = max(begin + rng.int64(in: 30_000...120_000), last + 500)
      servers[index].advance(to: end - 1)
      let later = servers[index].entries.filter { $0.time > last && $0.event != nil }
      if let cut = later.map(\.time).min() { end = cut }
      servers[index].entries.removeAll { $0.time >= end }
      evidenceEnd[index] = end
    }
  }
}
