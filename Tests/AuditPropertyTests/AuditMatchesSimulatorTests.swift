import ClusterSimulation
import Foundation
import Testing

/// SPEC §8 and issue 4: over many seeds with mixed faults, servers and days, the audit's
/// sessions, verdicts and findings equal the simulator's truth exactly.
struct AuditMatchesSimulatorTests {
  /// The seeds run; `PROPERTY_SEEDS` raises or lowers it.
  static let seedCount = Int(ProcessInfo.processInfo.environment["PROPERTY_SEEDS"] ?? "") ?? 300

  static func configuration(seed: UInt64) -> SimulationConfiguration {
    var configuration = SimulationConfiguration()
    configuration.seed = seed
    configuration.serverCount = 2 + Int(seed % 4)
    configuration.days = 2 + Int(seed % 6)
    configuration.faultRate = [0.0, 0.2, 0.5][Int(seed % 3)]
    configuration.noisePerHour = 2
    // Zones with and without DST, and zones a wrong configuration can be mistaken for.
    let zones = [["Europe/Berlin", "UTC"], ["UTC", "Asia/Kolkata", "America/New_York"]]
    configuration.timeZones = seed % 5 < 2 ? zones[Int(seed % 5)] : ["UTC"]
    // Every layout, rotation with and without gzip, and restore tests, on some seeds each.
    let layouts: [[LogLayout]] = [
      [.iris], [.iris], [.iris, .cache], [.structuredPairs, .iris, .structuredJSON],
    ]
    configuration.layouts = layouts[Int(seed % 4)]
    if seed % 7 == 0 {
      configuration.rotateBytes = 20_000
      configuration.gzipRotated = seed % 2 == 0
    }
    configuration.restoreTest = seed % 6 == 0
    return configuration
  }

  @Test func cleanAndInjectedFaultsAgreeWithTheTruth() throws {
    var disagreements: [String] = []
    var sessions = 0
    var findings = 0
    var rules: [String: Int] = [:]
    var faults: [String: Int] = [:]
    var verdicts: [String: Int] = [:]
    var restores = 0
    var restoresBeginningFrozen = 0
    var reportTimes = 0
    for seed in 1...UInt64(Self.seedCount) {
      let agreement = try SimulatorAgreement(configuration: Self.configuration(seed: seed))
      sessions += agreement.sessionCount
      findings += agreement.findingCount
      for rule in agreement.truthRules { rules[rule, default: 0] += 1 }
      for fault in agreement.stagedFaults { faults[fault, default: 0] += 1 }
      for verdict in agreement.truthVerdicts { verdicts[verdict, default: 0] += 1 }
      restores += agreement.restoreTestCount
      restoresBeginningFrozen += agreement.restoresBeginningFrozen
      if agreement.reportTime != nil { reportTimes += 1 }
      if !agreement.agrees {
        disagreements.append(
          "seed \(seed) (\(agreement.configuration.commandLine)):\n  "
            + agreement.disagreements.joined(separator: "\n  "))
      }
    }
    print(
      "property: \(Self.seedCount) seeds, \(sessions) sessions, \(findings) findings, "
        + "\(restores) restore tests (\(restoresBeginningFrozen) beginning frozen), "
        + "\(reportTimes) report times, \(disagreements.count) disagreeing")
    print("property: truth findings by rule: " + Self.counts(rules))
    print("property: staged faults: " + Self.counts(faults))
    print("property: truth verdicts: " + Self.counts(verdicts))
    for disagreement in disagreements { print("property: disagreement " + disagreement) }
    #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
  }

  static func counts(_ counts: [String: Int]) -> String {
    counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
  }
}

/// Each fault kind alone, over a month that holds a DST change, on several seeds.
struct EveryFaultAgreesTests {
  static let cases: [(FaultKind, UInt64)] = FaultKind.allCases.flatMap { fault in
    (1...3).map { (fault, UInt64($0)) }
  }

  @Test(arguments: cases)
  func injectedFaultAgreesWithTheTruth(fault: FaultKind, seed: UInt64) throws {
    var configuration = SimulationConfiguration()
    configuration.seed = seed
    configuration.serverCount = 3 + Int(seed % 2)
    configuration.days = 20
    configuration.start = CivilDate(year: 2021, month: 10, day: 20)
    configuration.timeZones = ["Europe/Berlin", "UTC", "America/New_York"]
    configuration.noisePerHour = 2
    configuration.faults = [fault]
    let agreement = try SimulatorAgreement(configuration: configuration)
    if let rule = fault.truthRule {
      #expect(agreement.truthRules.contains(rule), "the truth has no \(rule)")
    }
    if fault == .backupInProgress {
      #expect(agreement.reportTime != nil && agreement.truthVerdicts.contains("in-progress"))
    }
    #expect(
      agreement.missing.isEmpty, "missing \(agreement.missing) in \(configuration.commandLine)")
    #expect(agreement.extra.isEmpty, "extra \(agreement.extra) in \(configuration.commandLine)")
    #expect(
      agreement.sessionIssues.isEmpty,
      "\(agreement.sessionIssues.joined(separator: "\n")) in \(configuration.commandLine)")
  }
}

/// Every fault at once, as in `Samples/faulty-month`: a month over the October DST change,
/// rotated and gzipped logs, and a restore test.
struct AllFaultsAgreeTests {
  @Test(arguments: [UInt64(202), 7])
  func everyFaultTogetherAgreesWithTheTruth(seed: UInt64) throws {
    var configuration = SimulationConfiguration()
    configuration.seed = seed
    configuration.days = 30
    configuration.start = CivilDate(year: 2021, month: 10, day: 10)
    configuration.timeZones = ["Europe/Berlin", "UTC", "America/New_York", "UTC"]
    configuration.faults = FaultKind.allCases
    configuration.noisePerHour = 6
    configuration.rotateBytes = 200_000
    configuration.gzipRotated = true
    configuration.restoreTest = true
    let agreement = try SimulatorAgreement(configuration: configuration)
    #expect(
      agreement.disagreements.isEmpty,
      "\(agreement.disagreements.joined(separator: "\n")) in \(configuration.commandLine)")
  }
}
