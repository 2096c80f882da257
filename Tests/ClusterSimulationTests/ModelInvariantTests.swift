import Testing

@testable import ClusterSimulation

/// The model obeys the engine's rules (SPEC §2) whatever the faults.
@Suite struct ModelInvariantTests {
  static func models() throws -> [ClusterModel] {
    var models: [ClusterModel] = []
    var all = SimulationFixtures.configuration(days: 30, faults: SimulationFixtures.everyFault)
    all.start = CivilDate(year: 2021, month: 10, day: 10)
    models.append(try ClusterSimulator.model(all))
    for seed in UInt64(10)...13 {
      models.append(
        try ClusterSimulator.model(
          SimulationFixtures.configuration(seed: seed, days: 20, faultRate: 0.6)))
    }
    return models
  }

  static func server(zone: String = "UTC") -> ServerModel {
    let start = Int64(CivilDate(year: 2021, month: 8, day: 5).daysSinceEpoch) * 86_400_000
    let zone = ZoneTable(identifier: zone, from: start - 86_400_000, to: start + 10 * 86_400_000)!
    let clock = ServerClock(offsetMilliseconds: 0, driftPartsPerMillion: 0, origin: start)
    return ServerModel(
      index: 0, name: "ds1", role: "master", clock: clock, zone: zone,
      rng: SplitMix64(seed: 1), start: start)
  }

  /// A UTC server frozen an hour into the period: the server, the freeze-begin, the episode.
  static func frozenServer() -> (server: ServerModel, start: Int64, episode: Int) {
    var server = ModelInvariantTests.server()
    let start = server.now + 3_600_000
    let episode = server.beginFreeze(start, pid: 100, session: 0)
    server.completeFreeze(start + 500, pid: 100, episode: episode, switchJournal: true)
    return (server, start, episode)
  }

  @Test func aThawNeverPrecedesItsFreeze() throws {
    let builderModels = try ModelInvariantTests.models()
    for model in builderModels {
      let builder = TruthBuilder(model: model)
      for server in model.servers {
        for episode in server.episodes where episode.kind == .freeze {
          guard let thawed = episode.thawed, let begin = episode.freezeBegin else { continue }
          #expect(thawed > begin)
          #expect(builder.logged(server.index, thawed) > builder.logged(server.index, begin))
        }
      }
    }
  }

  @Test func aCrashClearsTheFreeze() {
    let (frozen, start, episode) = ModelInvariantTests.frozenServer()
    var server = frozen
    #expect(server.openFreeze == episode && server.suspendedSince != nil)
    server.crash(start + 60_000)
    #expect(server.openFreeze == nil && server.suspendedSince == nil && !server.isUp)
    server.restart(start + 600_000, afterCrash: true, episode: episode)
    #expect(server.episodes[episode].crashed && server.episodes[episode].recovery != nil)
    server.thaw(start + 700_000, pid: 200, episode: episode)
    #expect(server.entries.last?.event == "already-resumed")
  }

  @Test func crashedFreezesInTheClusterEndWithoutThaw() throws {
    for model in try ModelInvariantTests.models() {
      for server in model.servers {
        for episode in server.episodes where episode.crashed {
          #expect(episode.thawed == nil)
          #expect(episode.suspendedTo != nil)
          #expect(episode.recovery.map { $0 >= episode.suspendedTo! - 1_000 } ?? false)
        }
      }
    }
  }

  @Test func aFailedFreezeLeavesNoServerFrozen() throws {
    var server = ModelInvariantTests.server()
    let start = server.now + 3_600_000
    let episode = server.beginFreeze(start, pid: 100, session: 0)
    server.failFreeze(start + 2_000, pid: 100, episode: episode)
    #expect(server.openFreeze == nil && server.suspendedSince == nil)
    for model in try ModelInvariantTests.models() {
      for server in model.servers {
        for episode in server.episodes where episode.failed {
          #expect(episode.suspendedFrom == nil && episode.thawed == nil)
        }
      }
    }
  }

  @Test func freezeAndThawComeFromDifferentProcessesQuiesceAndResumeFromOne() throws {
    for model in try ModelInvariantTests.models() {
      for server in model.servers {
        let freezes = Set(server.entries.filter { $0.event == "freeze-begin" }.map(\.pid))
        let thaws = Set(server.entries.filter { $0.event == "thaw-begin" }.map(\.pid))
        #expect(freezes.isDisjoint(with: thaws))
        let quiescing = Set(server.entries.filter { $0.event == "quiesce-begin" }.map(\.pid))
        for episode in server.episodes where episode.kind == .quiesce && episode.resumed != nil {
          let resume = server.entries.first { $0.event == "resumed" && $0.time == episode.resumed }
          #expect(resume.map { quiescing.contains($0.pid) } ?? false)
        }
      }
    }
  }

  @Test func clocksAndJournalsMoveForward() throws {
    for model in try ModelInvariantTests.models() {
      for server in model.servers {
        let entries = server.entries.sorted { $0.time < $1.time }
        let shown = entries.map { server.clock.shown($0.time) }
        #expect(zip(shown, shown.dropFirst()).allSatisfy { $0 <= $1 })
        let files = entries.filter { $0.event == "journal-switch" }.compactMap(\.continuation.first)
        #expect(zip(files, files.dropFirst()).allSatisfy { $0 < $1 }, "\(server.name)")
      }
    }
  }

  @Test func wdSuspendLimitMakesTheThawSayAlreadyResumed() {
    let (frozen, start, episode) = ModelInvariantTests.frozenServer()
    var server = frozen
    server.suspendLimitReached(start + 120_000, limitSeconds: 120)
    server.thaw(start + 300_000, pid: 300, episode: episode)
    #expect(server.episodes[episode].alreadyResumed && server.episodes[episode].thawed == nil)
    #expect(server.openFreeze == nil)
  }

  @Test func aBegunThawEndsTheFreezeWithoutResumingTheWriteDaemon() {
    let (frozen, start, episode) = ModelInvariantTests.frozenServer()
    var server = frozen
    server.beginThaw(start + 20_000, pid: 300, episode: episode)
    #expect(server.openFreeze == nil && server.suspendedSince != nil)
    #expect(server.episodes[episode].thawBegin == start + 20_000)
    server.suspendLimitReached(start + 200_000, limitSeconds: 200, episode: episode)
    #expect(server.suspendedSince == nil && server.episodes[episode].suspendedTo != nil)
    // The next freeze is a new episode, not an overlap of the old one.
    let next = server.beginFreeze(start + 300_000, pid: 400, session: 1)
    #expect(next != episode && !server.episodes[episode].overlapping)
  }

  @Test func everyLogBeginsWithAStartup() throws {
    for model in try ModelInvariantTests.models() {
      for server in model.servers {
        let written = server.entries.filter {
          $0.time >= model.evidenceStart[server.index] && $0.time < model.evidenceEnd[server.index]
        }
        let first = written.min { $0.time < $1.time }
        #expect(first?.time == model.evidenceStart[server.index])
        #expect(["instance-start", "startup"].contains(first?.event ?? ""), "\(server.name)")
      }
    }
  }

  @Test func aLongFreezeSuspendsUserProcessesAfterTheTimeout() {
    let (frozen, start, episode) = ModelInvariantTests.frozenServer()
    var server = frozen
    server.thaw(start + 700_000, pid: 300, episode: episode)
    let notice = server.entries.first {
      $0.text.hasPrefix("Write daemon suspended for 600 seconds")
    }
    #expect(notice.map { $0.time == start + 500 + ServerModel.freezeTimeout } ?? false)
  }
}
