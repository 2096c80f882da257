import BackupAudit
import BackupEvents
import TestSupport
import Testing

/// One server's events into episodes: what opens, joins and closes each (SPEC §4).
struct EpisodeBuilderTests {
  func episodes(_ edit: (inout TestLog) -> Void) throws -> (episodes: [Episode], stray: [BackupEvent]) {
    var log = TestLog()
    log.noise(0)
    edit(&log)
    let reading = try EventReading.read(log.text, server: "vm1")
    let built = EpisodeBuilder.build(server: "vm1", events: reading.events)
    return (built.episodes, built.strayUnrecognised)
  }

  @Test func aThawBeginEndsTheFreezeSoTheNextFreezeIsANewEpisode() throws {
    let built = try episodes { log in
      log.add(100, "Backup.General.ExternalFreeze: Suspending system")
      log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
      log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
      log.add(3700, "Backup.General.ExternalFreeze: Suspending system", pid: 102)
      log.add(3700.5, "Backup.General.ExternalFreeze: System suspended", pid: 102)
      log.add(3760, "Backup.General.ExternalThaw: Resuming system", pid: 103)
      log.add(3760.2, "Backup.General.ExternalThaw: System resumed", pid: 103)
    }
    #expect(built.episodes.map(\.ending) == [.unconfirmed, .completed])
    #expect(built.episodes.allSatisfy { $0.freeze?.overlapping.isEmpty == true })
  }

  @Test func aThawBegunAtTheEndOfTheEvidenceIsPending() throws {
    let built = try episodes { log in
      log.add(100, "Backup.General.ExternalFreeze: Suspending system")
      log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
      log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
    }
    #expect(built.episodes.map(\.ending) == [.thawPending])
  }

  @Test func aThawFailureLeavesTheFreezeOpenForTheRetry() throws {
    let built = try episodes { log in
      log.add(100, "Backup.General.ExternalFreeze: Suspending system")
      log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
      log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
      log.add(161, "Backup.General.ExternalThaw: Failed to resume system: timeout", pid: 101, severity: 2)
      log.add(220, "Backup.General.ExternalThaw: Resuming system", pid: 102)
      log.add(220.3, "Backup.General.ExternalThaw: System resumed", pid: 102)
    }
    #expect(built.episodes.count == 1)
    #expect(built.episodes.first?.ending == .completed)
    #expect(built.episodes.first?.freeze?.thawFailed != nil)
  }

  @Test func alreadyResumedAfterAFreezeThatNeverSuspendedConfirmsTheFailure() throws {
    let built = try episodes { log in
      log.add(100, "Backup.General.ExternalFreeze: Suspending system")
      log.add(101, "Backup.General.ExternalThaw: Resuming system", pid: 101)
      log.add(101.1, "Backup.General.ExternalThaw: Already resumed", pid: 101)
    }
    #expect(built.episodes.first?.ending == .alreadyResumed)
    #expect(built.episodes.first?.freeze?.isThawAfterFailure == true)
  }

  @Test func unrecognisedLinesJoinTheEpisodeOfTheirClassOrStandApart() throws {
    let built = try episodes { log in
      log.add(50, "Backup.ShardedCluster.Quiesce: Waiting for transactions", pid: 90)
      log.add(100, "Backup.General.ExternalFreeze: Suspending system")
      log.add(100.2, "Backup.General.ExternalFreeze: Flushing buffers")
      log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
      log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
      log.add(160.2, "Backup.General.ExternalThaw: System resumed", pid: 101)
    }
    #expect(built.episodes.first?.unrecognised.map(\.method) == ["General.ExternalFreeze"])
    #expect(built.episodes.first?.unrecognised.map(\.reason) == ["Flushing buffers"])
    #expect(built.stray.map(\.method) == ["ShardedCluster.Quiesce"])
  }

  @Test func theInternalResumeOfAFreezeDoesNotEndIt() throws {
    let built = try episodes { log in log.clusterFreeze(at: 100, duration: 300) }
    #expect(built.episodes.count == 1)
    #expect(built.episodes.first?.kind == .freeze)
    #expect(built.episodes.first?.checkpointNumber == 42)
    #expect(built.episodes.first?.ending == .completed)
  }
}

struct ThawThenRestartTests {
  @Test func aRestartAfterABegunThawIsNoCrashWhileFrozen() throws {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
    log.raw("")
    log.raw("*** Recovery started at Thu Aug 12 05:00:00 2021")
    log.raw("Exiting with status 3 (Success)")
    log.noise(90_000)
    let result = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.thawUnconfirmed, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.crashWhileFrozen, in: result).isEmpty)
  }
}
