@testable import BackupAudit
import BackupEvents
import TestSupport
import Testing

/// Restored copies linked to the session whose lines their log repeats.
struct RestoreTestLinkerTests {
  static let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z

  /// Two nights of the same shard; the copy's log is the shard's up to `copiedNight`'s freeze.
  func link(copyStartsAtSuspended: Bool, copiedNight: Int) throws -> [String: [RestoreTest]] {
    var shard = TestLog()
    for night in 0..<2 {
      shard.clusterFreeze(at: 100 + Double(night) * 86_400, checkpoint: 42, pid: 900 + night)
    }
    let production = try EventReading.read(shard.text, server: "shard1")
    let sessions = SessionCorrelator(toleranceMilliseconds: 2_000).sessions(
      from: EpisodeBuilder.episodes(server: "shard1", events: production.events))
    var copy = TestLog()
    let second = 100 + Double(copiedNight) * 86_400
    if !copyStartsAtSuspended {
      copy.add(second, "Backup.General.ExternalFreeze: Suspending system", pid: 900 + copiedNight)
      copy.internalCheckpoint(at: second + 0.1, checkpoint: 42, pid: 900 + copiedNight)
    }
    copy.add(second + 0.5, "Backup.General.ExternalFreeze: System suspended", pid: 900 + copiedNight)
    copy.raw("*** Recovery started at Fri Aug 13 09:00:00 2021")
    copy.raw("Exiting with status 3 (Success)")
    var configuration = AuditConfiguration()
    configuration.restoredServers = ["restore1": "shard1"]
    let reading = try EventReading.read(copy.text, server: "restore1")
    #expect(sessions.count == 2)
    // Keyed by the night's index instead of the session id.
    return RestoreTestLinker(configuration: configuration).link([reading], to: sessions)
      .reduce(into: [:]) { result, pair in
        let night = sessions.firstIndex { $0.id == pair.key }.map(String.init) ?? pair.key
        result[night] = pair.value
      }
  }

  @Test(arguments: [false, true])
  func theSameNumberOnTwoNightsLinksTheNightTheLinesCameFrom(startsAtSuspended: Bool) throws {
    for night in 0..<2 {
      let linked = try link(copyStartsAtSuspended: startsAtSuspended, copiedNight: night)
      #expect(Array(linked.keys) == ["\(night)"], "night \(night)")
      #expect(linked["\(night)"]?.first?.restoredFrom == "shard1")
    }
  }

  @Test func restoredCopyLinksToTheSessionItsSnapshotCameFrom() throws {
    var logs = TestLog.cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100, pid: 900)
    }
    var restored = TestLog()
    restored.noise(0)
    restored.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 900)
    restored.internalCheckpoint(at: 100.1, checkpoint: 42, pid: 900)
    restored.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 900)
    restored.raw("*** Recovery started at Thu Aug 12 09:00:00 2021")
    restored.raw("Exiting with status 3 (Success)")
    logs["restore1"] = restored
    var configuration = AuditConfiguration()
    configuration.restoredServers = ["restore1": "shard1"]
    let result = try AuditFixture.audit(logs, configuration: configuration)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    let session = try #require(result.sessions.first)
    #expect(session.restoreTests.map(\.server) == ["restore1"])
    #expect(session.restoreTests.first?.restoredFrom == "shard1")
    #expect(session.members.map(\.server) == ["master", "shard1"])
  }

  // What links a copy and what does not: no copies, no recovery, no configured source, and
  // the freeze-begin fallback within the skew tolerance.

  /// The production shard's one session: a cluster freeze at 100 s.
  func productionSessions() throws -> [CorrelatedSession] {
    var shard = TestLog()
    shard.clusterFreeze(at: 100, checkpoint: 42, pid: 900)
    let reading = try EventReading.read(shard.text, server: "shard1")
    return SessionCorrelator(toleranceMilliseconds: 2_000).sessions(
      from: EpisodeBuilder.episodes(server: "shard1", events: reading.events))
  }

  /// A copy whose log has a freeze-begin at `second` (pid 950, so its lines are not the
  /// shard's), then a recovery block unless `recovers` is false.
  func copy(freezeAt second: Double, recovers: Bool = true) throws -> ServerReading {
    var copy = TestLog()
    copy.add(second, "Backup.General.ExternalFreeze: Suspending system", pid: 950)
    if recovers { copy.raw("*** Recovery started at Fri Aug 13 09:00:00 2021") }
    return try EventReading.read(copy.text, server: "restore1")
  }

  func linker(source: String?) -> RestoreTestLinker {
    var configuration = AuditConfiguration()
    configuration.restoredServers = ["restore1": source]
    return RestoreTestLinker(configuration: configuration)
  }

  @Test func noCopiesLinkNothing() throws {
    #expect(linker(source: "shard1").link([], to: try productionSessions()).isEmpty)
  }

  @Test func aCopyThatNeverRecoveredIsNoRestoreTest() throws {
    let linked = linker(source: "shard1").link([try copy(freezeAt: 100, recovers: false)], to: try productionSessions())
    #expect(linked.isEmpty)
  }

  /// Other lines than the shard's: the freeze-begin links within the 2 s tolerance only.
  @Test(arguments: [(102.0, true), (102.001, false)])
  func aFreezeBeginWithinTheToleranceLinks(second: Double, links: Bool) throws {
    let found = try productionSessions()
    let linked = linker(source: "shard1").link([try copy(freezeAt: second)], to: found)
    #expect(linked.keys.sorted() == (links ? [found[0].id] : []))
  }

  @Test func withoutASourceAnySessionMayMatchAndNoneIsNamed() throws {
    let found = try productionSessions()
    let linked = linker(source: nil).link([try copy(freezeAt: 100.5)], to: found)
    #expect(linked[found[0].id]?.map(\.server) == ["restore1"])
    #expect(linked[found[0].id]?.first?.restoredFrom == nil)
  }

  @Test func aSourceWithoutSessionsLinksNothing() throws {
    let linked = linker(source: "shard2").link([try copy(freezeAt: 100)], to: try productionSessions())
    #expect(linked.isEmpty)
  }

  @Test func theRestoreTimeIsTheRecoveryBlocks() throws {
    let found = try productionSessions()
    let linked = linker(source: "shard1").link([try copy(freezeAt: 100)], to: found)
    // 2021-08-13T09:00:00Z
    #expect(linked[found[0].id]?.first?.restoredAt == 1_628_845_200_000)
  }
}
