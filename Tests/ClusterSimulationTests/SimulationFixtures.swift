import BackupEvents
import Foundation
import LogReading
import TestSupport

@testable import ClusterSimulation

/// Configurations and helpers shared by the simulator's tests.
enum SimulationFixtures {
  /// Zones with a DST change in late October (Berlin on the 31st, New York on 7 November).
  static let zones = ["Europe/Berlin", "UTC", "America/New_York", "UTC"]

  /// A small cluster over a DST change, with little noise so that tests run fast.
  static func configuration(
    seed: UInt64 = 3, days: Int = 8, faults: [FaultKind] = [],
    faultRate: Double = 0
  ) -> SimulationConfiguration {
    var configuration = SimulationConfiguration()
    configuration.seed = seed
    configuration.days = days
    configuration.start = CivilDate(year: 2021, month: 10, day: 25)
    configuration.timeZones = zones
    configuration.faults = faults
    configuration.faultRate = faultRate
    configuration.noisePerHour = 4
    return configuration
  }

  /// Every fault the simulator knows, rules and noise.
  static let everyFault = FaultKind.allCases

  /// Writes a corpus into a new temporary folder.
  static func generate(_ configuration: SimulationConfiguration) throws -> (
    TemporaryFolder, SimulationSummary
  ) {
    let folder = try TemporaryFolder()
    let summary = try ClusterSimulator.run(configuration, outputDirectory: folder.path)
    return (folder, summary)
  }

  /// Every file under a folder, by relative path, with its bytes.
  static func files(under root: String) throws -> [String: Data] {
    var result: [String: Data] = [:]
    let manager = FileManager.default
    guard let enumerator = manager.enumerator(atPath: root) else { return result }
    for case let relative as String in enumerator {
      var isDirectory: ObjCBool = false
      if manager.fileExists(atPath: root + "/" + relative, isDirectory: &isDirectory),
        !isDirectory.boolValue
      {
        result[relative] = try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative))
      }
    }
    return result
  }

  /// Reads every server of a corpus back through the project's reader, each in its zone.
  static func readBack(_ folder: String, truth: SimulationTruth) throws -> [String: ServerReading] {
    let zones = Dictionary(uniqueKeysWithValues: truth.servers.map { ($0.name, $0.timeZone) })
    var readings: [String: ServerReading] = [:]
    for server in try ServerDiscovery.discover(paths: [folder]) {
      let zone = TimeZone(identifier: zones[server.name] ?? "UTC")!
      readings[server.name] = ServerLogReader(options: ReadingOptions(timeZone: zone)).read(server)
    }
    return readings
  }
}
