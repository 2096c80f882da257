import BackupAudit
import BackupEvents
import TestSupport
import Testing

/// One server's events into episodes: what opens, joins and closes each (SPEC §4).
struct EpisodeBuilderTests {
  static let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z

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

  @Test func noEventsMakeNoEpisodes() {
    let built = EpisodeBuilder.build(server: "vm1", events: [])
    #expect(built.episodes.isEmpty)
    #expect(built.strayUnrecognised.isEmpty)
  }

  /// A journal checkpoint (quiesce at `second`, resumed 0.2 s later) then a freeze at 200 s:
  /// adopted when it began at most 60 s before the freeze-begin.
  @Test(arguments: [(140.0, [EpisodeKind.freeze]), (139.999, [.quiesce, .freeze])])
  func aQuiesceIsAdoptedWithinTheWindowBeforeTheFreeze(second: Double, kinds: [EpisodeKind]) throws {
    let built = try episodes { log in
      log.internalCheckpoint(at: second, checkpoint: 42)
      log.add(200, "Backup.General.ExternalFreeze: Suspending system")
      log.add(200.5, "Backup.General.ExternalFreeze: System suspended")
      log.add(260, "Backup.General.ExternalThaw: System resumed", pid: 101)
    }
    #expect(built.episodes.map(\.kind) == kinds)
    #expect(built.episodes.last?.kind == .freeze)
    #expect(built.episodes.last?.checkpointNumber == (kinds.count == 1 ? 42 : nil))
  }

  /// A quiesce resumed at 101 s; its checkpoint line joins it when logged at most 60 s later.
  @Test(arguments: [(161.0, [EpisodeKind.quiesce]), (161.001, [.quiesce, .checkpoint])])
  func aLateCheckpointJoinsTheQuiesceWithinTheWindow(second: Double, kinds: [EpisodeKind]) throws {
    let built = try episodes { log in
      log.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 300)
      log.add(100.5, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 300)
      log.add(100.9, "Backup.ShardedCluster.Resume: Resuming system", pid: 300)
      log.add(101, "Backup.ShardedCluster.Resume: System resumed", pid: 300)
      log.add(second, "Backup.ShardedCluster.JournalCheckpoint: Checkpoint 7 ends journal file /j/20210811.007", pid: 300)
    }
    #expect(built.episodes.map(\.kind) == kinds)
    #expect(built.episodes.first?.checkpointNumber == (kinds.count == 1 ? 7 : nil))
  }

  @Test func aFreezeBegunTheInstantTheLastOneThawedIsANewEpisode() throws {
    let built = try episodes { log in
      log.add(100, "Backup.General.ExternalFreeze: Suspending system")
      log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
      log.add(160, "Backup.General.ExternalThaw: System resumed", pid: 101)
      log.add(160, "Backup.General.ExternalFreeze: Suspending system", pid: 102)
      log.add(160, "Backup.General.ExternalFreeze: System suspended", pid: 102)
      log.add(220, "Backup.General.ExternalThaw: System resumed", pid: 103)
    }
    #expect(built.episodes.map(\.ending) == [.completed, .completed])
    #expect(built.episodes.map(\.start) == [Self.base + 100_000, Self.base + 160_000])
    #expect(built.episodes.map(\.end) == [Self.base + 160_000, Self.base + 220_000])
    #expect(built.episodes.allSatisfy { $0.freeze?.overlapping.isEmpty == true })
  }

  @Test func anEpisodeOfOneInstantHasEqualBounds() throws {
    let built = try episodes { log in
      log.add(100, "Backup.ShardedCluster.JournalCheckpoint: Checkpoint 9 ends journal file /j/20210811.009", pid: 300)
    }
    #expect(built.episodes.map(\.ending) == [.instant])
    #expect(built.episodes.first?.start == Self.base + 100_000)
    #expect(built.episodes.first?.end == built.episodes.first?.start)
  }

  @Test func aRestartWhileQuiescedEndsTheQuiesce() throws {
    let built = try episodes { log in
      log.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 300)
      log.add(100.5, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 300)
      log.raw("*** Recovery started at Wed Aug 11 05:10:00 2021")
    }
    #expect(built.episodes.map(\.kind) == [.quiesce])
    #expect(built.episodes.first?.ending == .restart)
    #expect(built.episodes.first?.end == Self.base + 600_000)
  }

  @Test func aSecondQuiesceSupersedesAnUnresumedOne() throws {
    let built = try episodes { log in
      log.add(100, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 300)
      log.add(100.5, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 300)
      log.add(400, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: 301)
      log.add(400.5, "Backup.ShardedCluster.Quiesce: System quiesced", pid: 301)
      log.add(401, "Backup.ShardedCluster.Resume: System resumed", pid: 301)
    }
    #expect(built.episodes.map(\.ending) == [.superseded, .completed])
  }

  @Test func anAlreadyResumedWithNothingBeforeItIsAnEpisodeOfItsOwn() throws {
    let built = try episodes { log in
      log.add(100, "Backup.General.ExternalThaw: Resuming system", pid: 101)
      log.add(100.1, "Backup.General.ExternalThaw: Already resumed", pid: 101)
    }
    #expect(built.episodes.map(\.ending) == [.alreadyResumed])
    #expect(built.episodes.first?.freeze?.begin == nil)
    #expect(built.episodes.first?.freeze?.thawBegin?.epochMilliseconds == Self.base + 100_000)
    #expect(built.episodes.first?.start == Self.base + 100_000)
  }
}
