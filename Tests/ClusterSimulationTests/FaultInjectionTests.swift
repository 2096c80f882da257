import Testing

@testable import ClusterSimulation

/// Every rule with a log signature can be injected, alone or with the others, and the truth
/// says so; noise faults add no finding.
@Suite struct FaultInjectionTests {
  /// Rules a fault may bring along besides its own: a night with a finding is not a
  /// consistent backup, so the gap around it can exceed the 36 h RPO.
  static let companions: Set<String> = ["rpo-exceeded"]

  @Test(arguments: FaultKind.rules)
  func injectedRuleAppearsInTheTruth(fault: FaultKind) throws {
    let truth = try ClusterSimulator.simulate(SimulationFixtures.configuration(faults: [fault]))
    let rules = Set(truth.findings.map(\.rule))
    #expect(rules.contains(fault.rawValue))
    #expect(
      rules.subtracting([fault.rawValue]).isSubset(of: FaultInjectionTests.companions),
      "unexpected findings \(rules) for \(fault.rawValue)")
    for finding in truth.findings where finding.rule == fault.rawValue {
      #expect(finding.severity == fault.severity)
      if fault != .rpoExceeded { #expect(finding.server != nil && finding.session != nil) }
    }
  }

  @Test(arguments: FaultKind.rules)
  func injectedRuleNamesTheStagedSession(fault: FaultKind) throws {
    let truth = try ClusterSimulator.simulate(SimulationFixtures.configuration(faults: [fault]))
    guard fault != .rpoExceeded else { return }
    let staged = Set(truth.sessions.filter { $0.stagedFault == fault.rawValue }.map(\.id))
    let flagged = Set(truth.findings.filter { $0.rule == fault.rawValue }.compactMap(\.session))
    // insufficient-evidence is staged by starting a log late, not in a session.
    if fault != .insufficientEvidence { #expect(flagged == staged) }
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
  }
}
