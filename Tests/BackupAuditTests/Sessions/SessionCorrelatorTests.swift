import BackupAudit
import BackupEvents
import TestSupport
import Testing

/// Episodes of every server into sessions: one window, one session, whatever the numbers.
struct SessionCorrelatorTests {
  func sessions(_ logs: [String: TestLog]) throws -> [CorrelatedSession] {
    let episodes = try logs.keys.sorted().flatMap { name in
      EpisodeBuilder.episodes(
        server: name, events: try EventReading.read(logs[name]!.text, server: name).events)
    }
    return SessionCorrelator(toleranceMilliseconds: 2_000).sessions(from: episodes)
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
