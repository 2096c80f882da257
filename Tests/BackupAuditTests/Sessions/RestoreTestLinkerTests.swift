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
}
