import ClusterSimulation
import Foundation
import Testing

/// SPEC §8 and issue 4: over many seeds with mixed faults, servers and days, the audit's
/// findings equal the simulator's truth exactly.
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
    configuration.timeZones = seed % 5 == 0 ? ["Europe/Berlin", "UTC"] : ["UTC"]
    // Every layout, rotation with and without gzip, and restore tests, on some seeds each.
    let layouts: [[LogLayout]] = [[.iris], [.iris], [.iris, .cache], [.structuredPairs, .iris, .structuredJSON]]
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
    var restores = 0
    for seed in 1...UInt64(Self.seedCount) {
      let agreement = try SimulatorAgreement(configuration: Self.configuration(seed: seed))
      sessions += agreement.sessionCount
      findings += agreement.findingCount
      for rule in agreement.truthRules { rules[rule, default: 0] += 1 }
      restores += agreement.restoreTestCount
      if !agreement.agrees {
        disagreements.append(
          "seed \(seed) (\(agreement.configuration.commandLine)): missing \(agreement.missing), extra \(agreement.extra)")
      }
    }
    print("property: \(Self.seedCount) seeds, \(sessions) sessions, \(findings) findings, \(restores) restore tests, \(disagreements.count) disagreeing")
    print("property: truth findings by rule: " + rules.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
    #expect(disagreements.isEmpty, "\(disagreements.prefix(10).joined(separator: "\n"))")
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
    if !fault.isNoise {
      #expect(agreement.truthRules.contains(fault.rawValue), "the truth has no \(fault.rawValue)")
    }
    #expect(agreement.missing.isEmpty, "missing \(agreement.missing) in \(configuration.commandLine)")
    #expect(agreement.extra.isEmpty, "extra \(agreement.extra) in \(configuration.commandLine)")
  }
}
