import Testing

@testable import ClusterSimulation

/// The scenario faults (SPEC §8): a checkpoint number that collides with a neighbouring
/// session's, and a last backup still running when the logs end; and the verdicts the truth
/// derives from its own findings.
@Suite struct ScenarioFaultTests {
  @Test func aCollidingNumberRepeatsANeighboursNumber() throws {
    var offsets: Set<Int> = []
    for staged in try SimulationFixtures.stagedCases(.checkpointCollision, seeds: 1...8) {
      let (model, truth, session) = (staged.model, staged.truth, staged.session)
      let odd = staged.episodes.filter { $0.checkpoint != session.checkpoint }
      try #require(odd.count == 1)
      let number = try #require(odd[0].checkpoint)
      let majority = try #require(session.checkpoint)
      offsets.insert(number - majority)
      #expect(abs(number - majority) == 1)
      // The number really appears in another session, whose members all logged it.
      let neighbour = try #require(truth.sessions.first { $0.checkpoint == number })
      #expect(abs(neighbour.start - session.start) < 3 * ClusterModel.day)
      let findings = staged.findings
      #expect(findings.map(\.rule) == ["checkpoint-mismatch"])
      #expect(findings.first?.server == model.servers[odd[0].server].name)
      #expect(findings.first?.time == staged.builder.logged(odd[0].server, odd[0].start))
      // Nothing for the neighbour (a consistent session may start an RPO gap, no more).
      #expect(neighbour.verdict == "consistent")
      #expect(
        truth.findings.filter { $0.session == neighbour.id }.allSatisfy {
          $0.rule == "rpo-exceeded"
        })
    }
    #expect(offsets == [-1, 1], "the next session's number and the previous one's both appear")
  }

  @Test func theLastBackupIsStillRunningWhenTheLogsEnd() throws {
    var variants: Set<String> = []
    for seed in UInt64(1)...16 {
      var configuration = SimulationFixtures.configuration(seed: seed, faults: [.backupInProgress])
      configuration.restoreTest = seed % 2 == 0
      let (_, summary) = try SimulationFixtures.generate(configuration)
      let model = try ClusterSimulator.model(configuration)
      let truth = summary.truth
      let reportTime = try #require(truth.reportTime)
      let session = try #require(truth.sessions.first { $0.stagedFault == "backup-in-progress" })
      #expect(session.id == truth.sessions.max { $0.start < $1.start }?.id)
      #expect(session.verdict == "in-progress")
      variants.insert(session.kind)
      for server in truth.servers {
        let last = try #require(server.logTo)
        #expect(last < reportTime, "\(server.name) logs past the report time")
        if server.restoredFrom == nil { #expect(last <= session.start + 122_000) }
      }
      // Every server's evidence ends shortly after the freeze-begin, none earlier.
      let begin = try #require(model.sessions.first { $0.fault == .backupInProgress }?.trueStart)
      #expect(model.evidenceEnd.allSatisfy { $0 > begin && $0 <= begin + 120_000 })
      let elapsed = reportTime - session.start
      let findings = truth.findings.filter { $0.session == session.id }
      #expect(findings.allSatisfy { $0.rule == "freeze-near-timeout" })
      #expect(!truth.findings.contains { ["never-thawed", "thaw-unconfirmed"].contains($0.rule) })
      #expect(!truth.findings.contains { $0.rule == "rpo-exceeded" })
      let thawBegun = model.servers.flatMap(\.episodes).contains {
        $0.thawBegin != nil && $0.thawed == nil && !$0.alreadyResumed
      }
      if thawBegun {
        variants.insert("thaw begun")
        #expect(findings.isEmpty && elapsed < 470_000)
      } else if elapsed > SimulationTruth.nearTimeout {
        variants.insert("near timeout")
        #expect(elapsed < SimulationTruth.freezeTimeout - 5_000)
        #expect(!findings.isEmpty && findings.allSatisfy { $0.severity == "warning" })
      } else {
        variants.insert("quiet")
        #expect(findings.isEmpty && elapsed < 470_000)
      }
    }
    #expect(
      variants == ["cluster-freeze", "instance-freeze", "thaw begun", "near timeout", "quiet"])
  }

  @Test func anUnconfirmedThawEndsTheFreezeAndTheSuspension() throws {
    for seed in UInt64(1)...6 {
      let configuration = SimulationFixtures.configuration(seed: seed, faults: [.thawUnconfirmed])
      let model = try ClusterSimulator.model(configuration)
      let episode = try #require(
        model.servers.flatMap(\.episodes).first { $0.thawBegin != nil && $0.thawed == nil })
      #expect(!episode.alreadyResumed && !episode.thawFailed && episode.frozen != nil)
      // The thaw's process resumed the write daemon, or WDSuspendLimit did minutes later.
      let suspendedTo = try #require(episode.suspendedTo)
      #expect(suspendedTo > episode.thawBegin!)
      #expect(model.servers.allSatisfy { $0.openFreeze == nil && $0.suspendedSince == nil })
    }
  }

  @Test func verdictsFollowTheWorstFinding() throws {
    let clean = try ClusterSimulator.simulate(SimulationFixtures.configuration())
    #expect(clean.sessions.allSatisfy { $0.verdict == "consistent" } && clean.reportTime == nil)
    let faults: [FaultKind] = [.thawFailed, .quiesceTooLong, .insufficientEvidence]
    let truth = try ClusterSimulator.simulate(
      SimulationFixtures.configuration(days: 10, faults: faults))
    for session in truth.sessions {
      let severities = Set(
        truth.findings.filter { $0.session == session.id && $0.rule != "rpo-exceeded" }
          .map(\.severity))
      let expected =
        severities.contains("critical")
        ? "inconsistent"
        : severities.contains("unknown")
          ? "unknown" : severities.contains("warning") ? "degraded" : "consistent"
      #expect(session.verdict == expected, "\(session.id)")
    }
    let verdicts = Set(truth.sessions.map(\.verdict))
    #expect(verdicts == ["consistent", "degraded", "inconsistent", "unknown"])
  }
}
