import Testing

@testable import ClusterSimulation

/// Every rule with a log signature can be injected, alone or with the others, and the truth
/// says so; noise faults add no finding.
@Suite struct FaultInjectionTests {
  /// Rules a fault may bring along besides its own: a night with a finding is not a
  /// consistent backup, so the gap around it can exceed the 36 h RPO; an unknown thaw reply
  /// leaves the thaw unconfirmed, and an unknown freeze failure fails the freeze.
  static func companions(of fault: FaultKind) -> Set<String> {
    fault == .unrecognisedBackupMessage
      ? ["rpo-exceeded", "thaw-unconfirmed", "freeze-failed"] : ["rpo-exceeded"]
  }

  @Test(arguments: FaultKind.rules)
  func injectedRuleAppearsInTheTruth(fault: FaultKind) throws {
    let truth = try ClusterSimulator.simulate(SimulationFixtures.configuration(faults: [fault]))
    let rules = Set(truth.findings.map(\.rule))
    #expect(rules.contains(fault.rawValue))
    #expect(
      rules.subtracting([fault.rawValue]).isSubset(of: FaultInjectionTests.companions(of: fault)),
      "unexpected findings \(rules) for \(fault.rawValue)")
    for finding in truth.findings where finding.rule == fault.rawValue {
      if fault == .unrecognisedBackupMessage {
        #expect(["warning", "critical"].contains(finding.severity))
      } else {
        #expect(finding.severity == fault.severity)
      }
      // A gap with no session at all, and a server's zone, concern no session.
      if fault != .rpoExceeded { #expect(finding.server != nil) }
      if fault != .rpoExceeded && fault != .zoneMismatch { #expect(finding.session != nil) }
    }
  }

  @Test(arguments: FaultKind.rules)
  func injectedRuleNamesTheStagedSession(fault: FaultKind) throws {
    let truth = try ClusterSimulator.simulate(SimulationFixtures.configuration(faults: [fault]))
    // insufficient-evidence is staged by starting a log late, zone-mismatch in cluster.toml.
    guard ![.rpoExceeded, .insufficientEvidence, .zoneMismatch].contains(fault) else { return }
    let staged = Set(truth.sessions.filter { $0.stagedFault == fault.rawValue }.map(\.id))
    let flagged = Set(truth.findings.filter { $0.rule == fault.rawValue }.compactMap(\.session))
    #expect(flagged == staged)
  }

  @Test func unrecognisedMessagesAreWarningsUnlessSevere() throws {
    var variants: Set<String> = []
    for staged in try SimulationFixtures.stagedCases(.unrecognisedBackupMessage, seeds: 1...12) {
      let finding = try #require(
        staged.findings.first { $0.rule == "unrecognised-backup-message" })
      let episode = try #require(staged.episodes.first { !$0.unrecognisedSeverities.isEmpty })
      let severe = episode.unrecognisedSeverities.max()! >= 2
      #expect(finding.severity == (severe ? "critical" : "warning"))
      let rules = Set(staged.findings.map(\.rule))
      if episode.failed {
        // The freeze failed in unknown words; its thaw's "Already resumed" is no finding.
        variants.insert("freeze failure")
        #expect(episode.alreadyResumed && episode.frozen == nil)
        #expect(severe && rules == ["unrecognised-backup-message", "freeze-failed"])
      } else if episode.thawBegin != nil && episode.thawed == nil {
        // The thaw's reply was unknown: nothing confirmed it.
        variants.insert("thaw reply")
        #expect(severe && rules == ["unrecognised-backup-message", "thaw-unconfirmed"])
      } else {
        variants.insert("note")
        #expect(!severe && rules == ["unrecognised-backup-message"])
      }
      let times = Set(staged.findings.map(\.time))
      #expect(times == [staged.builder.logged(episode.server, episode.start)])
    }
    #expect(variants == ["thaw reply", "freeze failure", "note"])
  }

  @Test func allFaultsTogetherAllAppear() throws {
    var configuration = SimulationFixtures.configuration(
      days: 30, faults: SimulationFixtures.everyFault)
    configuration.start = CivilDate(year: 2021, month: 10, day: 10)
    let truth = try ClusterSimulator.simulate(configuration)
    let rules = Set(truth.findings.map(\.rule))
    #expect(rules == Set(FaultKind.rules.map(\.rawValue)))
  }

  @Test(arguments: [FaultKind.decoyLines, .writeDaemonDied, .severeNoise])
  func noiseFaultsProduceNoFinding(fault: FaultKind) throws {
    let configuration = SimulationFixtures.configuration(faults: [fault])
    let truth = try ClusterSimulator.simulate(configuration)
    #expect(truth.findings.isEmpty)
    let clean = try ClusterSimulator.simulate(SimulationFixtures.configuration())
    #expect(truth.sessions.count == clean.sessions.count)
  }

  @Test func randomFaultsStayWithinTheCatalogue() throws {
    for seed in UInt64(1)...4 {
      let configuration = SimulationFixtures.configuration(seed: seed, days: 20, faultRate: 0.5)
      let truth = try ClusterSimulator.simulate(configuration)
      let staged = Set(truth.sessions.compactMap(\.stagedFault))
      #expect(!staged.isEmpty)
      for finding in truth.findings {
        #expect(FaultKind(rawValue: finding.rule)?.isNoise == false)
      }
    }
  }

  @Test func impossibleRequestsAreRefused() {
    var configuration = SimulationFixtures.configuration(faults: [.ambiguousLocalTime])
    configuration.timeZones = ["UTC"]
    #expect(throws: SimulationError.self) { try ClusterSimulator.simulate(configuration) }
    configuration = SimulationFixtures.configuration(
      days: 2, faults: [.thawFailed, .quiesceTimeout])
    #expect(throws: SimulationError.self) { try ClusterSimulator.simulate(configuration) }
    configuration = SimulationFixtures.configuration(faults: [.clockSkew])
    configuration.serverCount = 2
    #expect(throws: SimulationError.self) { try ClusterSimulator.simulate(configuration) }
    configuration = SimulationFixtures.configuration(faults: [.checkpointCollision])
    configuration.serverCount = 2
    #expect(throws: SimulationError.self) { try ClusterSimulator.simulate(configuration) }
    configuration = SimulationFixtures.configuration(
      faults: [.backupInProgress, .neverThawed, .neverResumed])
    configuration.serverCount = 2
    #expect(throws: SimulationError.self) { try ClusterSimulator.simulate(configuration) }
    configuration = SimulationFixtures.configuration(faults: [.zoneMismatch])
    configuration.timeZones = ["Australia/Sydney"]
    #expect(throws: SimulationError.self) { try ClusterSimulator.simulate(configuration) }
  }
}
