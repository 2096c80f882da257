import BackupAudit
import BackupEvents
import TestSupport
import Testing

/// Episodes of every server into sessions: one window, one session, whatever the numbers.
struct SessionCorrelatorTests {
  /// Each server's events into episodes, then sessions with `tolerance` milliseconds of slack.
  func sessions(_ logs: [String: TestLog], tolerance: Int64 = 2_000) throws -> [CorrelatedSession] {
    let episodes = try logs.keys.sorted().flatMap { name in
      EpisodeBuilder.episodes(
        server: name, events: try EventReading.read(logs[name]!.text, server: name).events)
    }
    return SessionCorrelator(toleranceMilliseconds: tolerance).sessions(from: episodes)
  }

  @Test func theSameNumberDaysApartIsTwoSessions() throws {
    var master = TestLog()
    var shard = TestLog()
    master.clusterFreeze(at: 100, checkpoint: 42)
    shard.clusterFreeze(at: 100, checkpoint: 42, pid: 900)
    master.clusterFreeze(at: 86_500, checkpoint: 42)
    shard.clusterFreeze(at: 86_500, checkpoint: 42, pid: 900)
    let found = try sessions(["master": master, "shard1": shard])
    #expect(found.map(\.kind) == [.clusterFreeze, .clusterFreeze])
    #expect(found.map { $0.episodes.count } == [2, 2])
    #expect(Set(found.map(\.id)).count == 2)
  }

  @Test func differentNumbersInOneWindowAreOneSessionWithAMajority() throws {
    var logs: [String: TestLog] = [:]
    for (index, name) in ["master", "shard1", "shard2"].enumerated() {
      var log = TestLog()
      log.clusterFreeze(at: 100, checkpoint: name == "shard2" ? 43 : 42, pid: 200 + index * 10)
      logs[name] = log
    }
    let found = try sessions(logs)
    #expect(found.count == 1)
    #expect(found.first?.checkpoint == 42)
  }

  @Test func windowsJoinWithinTheToleranceOnly() throws {
    var master = TestLog()
    var shard = TestLog()
    master.clusterFreeze(at: 100, duration: 60, checkpoint: nil)
    // The tolerance is allowed on both windows: 2 × 2 s.
    shard.clusterFreeze(at: 165, duration: 60, checkpoint: nil, pid: 900)  // 5 s after
    let apart = try sessions(["master": master, "shard1": shard])
    #expect(apart.map(\.kind) == [.instanceFreeze, .instanceFreeze])
    var near = TestLog()
    near.clusterFreeze(at: 163.5, duration: 60, checkpoint: nil, pid: 900)  // 3.5 s after
    let joined = try sessions(["master": master, "shard1": near])
    #expect(joined.map(\.kind) == [.clusterFreeze])
  }

  @Test func checkpointOutsideAFreezeIsAJournalCheckpointSession() throws {
    let result = try AuditFixture.audit(TestLog.cluster { master, shard in
      master.internalCheckpoint(at: 100, checkpoint: 7)
      shard.internalCheckpoint(at: 100.2, checkpoint: 7, pid: 900)
    })
    #expect(result.sessions.map(\.kind) == [.journalCheckpoint])
    #expect(result.sessions.first?.checkpoint == 7)
    #expect(result.findings.isEmpty)
    #expect(result.sessions.first?.members.map(\.journalFile) == ["/j/20210811.007", "/j/20210811.007"])
  }

  /// An instance freeze from `second` to `second + duration`.
  func freeze(at second: Double, duration: Double = 60, pid: Int = 200) -> TestLog {
    var log = TestLog()
    log.add(second, "Backup.General.ExternalFreeze: Suspending system", pid: pid)
    log.add(second + 0.1, "Backup.General.ExternalFreeze: System suspended", pid: pid)
    log.add(second + duration, "Backup.General.ExternalThaw: System resumed", pid: pid + 1)
    return log
  }

  @Test func noEpisodesMakeNoSessions() {
    #expect(SessionCorrelator(toleranceMilliseconds: 2_000).sessions(from: []).isEmpty)
  }

  /// The master's window is 100 s to 160 s; with 2 s on both sides a window that starts at
  /// most 4 s after it ends joins it.
  @Test(arguments: [(164.0, 1), (164.001, 2)])
  func joinsAtTwiceTheToleranceAndNoFurther(shardStart: Double, count: Int) throws {
    let found = try sessions(["master": freeze(at: 100), "shard1": freeze(at: shardStart, pid: 900)])
    #expect(found.count == count)
    #expect(found.first?.kind == (count == 1 ? .clusterFreeze : .instanceFreeze))
  }

  @Test func withoutToleranceWindowsThatTouchStillJoin() throws {
    // The shard's freeze begins the millisecond the master's thaws.
    let found = try sessions(
      ["master": freeze(at: 100), "shard1": freeze(at: 160, pid: 900)], tolerance: 0)
    #expect(found.map(\.servers) == [["master", "shard1"]])
  }

  @Test func equalStartsAreOrderedByServer() throws {
    let found = try sessions(["shard1": freeze(at: 100, pid: 900), "master": freeze(at: 100)])
    #expect(found.count == 1)
    #expect(found.first?.episodes.map(\.server) == ["master", "shard1"])
  }

  @Test func sessionsStartingInTheSameSecondGetDistinctIds() throws {
    // Two short freezes 0.5 s apart, kept apart by a tolerance of 0: the same second, the same
    // kind, so the second's id is suffixed.
    var log = freeze(at: 100, duration: 0.2)
    log.add(100.6, "Backup.General.ExternalFreeze: Suspending system", pid: 300)
    log.add(100.7, "Backup.General.ExternalFreeze: System suspended", pid: 300)
    log.add(100.8, "Backup.General.ExternalThaw: System resumed", pid: 301)
    let found = try sessions(["vm1": log], tolerance: 0)
    #expect(found.map(\.id) == ["20210811T050140Z-instance-freeze", "20210811T050140Z-instance-freeze-2"])
  }

  @Test func aFreezeAndAQuiesceAtTheSameTimeAreNotOneSession() throws {
    var shard = TestLog()
    shard.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 400)
    shard.add(101, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 400)
    shard.add(130, "Backup.ShardedCluster.Resume: System resumed", pid: 400)
    let found = try sessions(["master": freeze(at: 100), "shard1": shard])
    #expect(found.map(\.kind) == [.clusterQuiesce, .instanceFreeze])
  }

  @Test func membersAreInNaturalOrderOfTheirNames() throws {
    var logs: [String: TestLog] = [:]
    let names = ["master"] + (1...11).map { "shard\($0)" }
    for (index, name) in names.enumerated() {
      var log = TestLog()
      log.clusterFreeze(at: 100, checkpoint: 42, pid: 200 + index * 10)
      logs[name] = log
    }
    let found = try sessions(logs)
    #expect(found.count == 1)
    #expect(found.first?.episodes.map(\.server) == names)
  }
}
