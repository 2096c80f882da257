import BackupEvents
import Foundation
import Testing

@testable import ClusterSimulation

/// The simulated logs read back through the project's reader: every line parses, every
/// event the model wrote is found, at the time the truth says.
@Suite struct ReadBackTests {
  static func corpus(rotate: Bool) -> SimulationConfiguration {
    var configuration = SimulationFixtures.configuration(
      days: 30, faults: SimulationFixtures.everyFault)
    configuration.start = CivilDate(year: 2021, month: 10, day: 10)
    configuration.noisePerHour = 30
    if rotate {
      // Rotated, gzipped, in every layout, with a restored server.
      configuration.rotateBytes = 150_000
      configuration.gzipRotated = true
      configuration.layouts = LogLayout.allCases
      configuration.restoreTest = true
    }
    return configuration
  }

  @Test(arguments: [false, true])
  func everyLineParsesAndEveryEventIsFound(rotate: Bool) throws {
    let (folder, summary) = try SimulationFixtures.generate(ReadBackTests.corpus(rotate: rotate))
    let readings = try SimulationFixtures.readBack(folder.path, truth: summary.truth)
    #expect(readings.keys.sorted() == summary.truth.servers.map(\.name).sorted())
    for (name, reading) in readings {
      #expect(reading.failures.isEmpty)
      #expect(reading.inputs.map(\.unparsedLines).reduce(0, +) == 0, "\(name) has unparsed lines")
      #expect(
        SimulationFixtures.comparable(SimulationFixtures.counts(reading))
          == SimulationFixtures.comparable(summary.truth.expectedEvents[name]),
        "\(name) events differ from the truth")
    }
  }

  @Test(arguments: [false, true])
  func sessionTimesAreTheLoggedTimesOfTheirEvents(rotate: Bool) throws {
    let (folder, summary) = try SimulationFixtures.generate(ReadBackTests.corpus(rotate: rotate))
    let readings = try SimulationFixtures.readBack(folder.path, truth: summary.truth)
    for session in summary.truth.sessions {
      for member in session.members {
        let times = Set(readings[member.server]!.events.map(\.epochMilliseconds))
        #expect(times.contains(member.firstEventTime), "\(session.id) \(member.server) first")
        #expect(times.contains(member.lastEventTime), "\(session.id) \(member.server) last")
      }
    }
  }

  @Test func logSpansAreTheReadersFirstAndLastTimes() throws {
    let (folder, summary) = try SimulationFixtures.generate(SimulationFixtures.configuration())
    let readings = try SimulationFixtures.readBack(folder.path, truth: summary.truth)
    for server in summary.truth.servers {
      let inputs = readings[server.name]!.inputs
      #expect(inputs.first?.firstEpochMilliseconds == server.logFrom)
      #expect(inputs.last?.lastEpochMilliseconds == server.logTo)
    }
  }
}

/// A restore test: the restored copy reads back cleanly, repeats the master's log up to the
/// snapshot (or, about half of the time, begins at the master's "System suspended" line), and
/// ends with the recovery of an instance that was frozen.
@Suite struct RestoreTestReadBackTests {
  static func configuration(seed: UInt64) -> SimulationConfiguration {
    var configuration = SimulationFixtures.configuration(seed: seed, days: 5)
    configuration.approaches = [.freeze]
    configuration.restoreTest = true
    return configuration
  }

  @Test func restoredServerCopiesTheMasterThenRecovers() throws {
    var beginnings: Set<Bool> = []
    for seed in UInt64(1)...6 {
      let (folder, summary) = try SimulationFixtures.generate(Self.configuration(seed: seed))
      let restore = try #require(summary.truth.restoreTests.first)
      #expect(restore.server == "restore1" && restore.restoredFrom == "master")
      #expect(
        summary.truth.sessions.contains { $0.id == restore.session && $0.kind == "cluster-freeze" }
      )
      let readings = try SimulationFixtures.readBack(folder.path, truth: summary.truth)
      let reading = try #require(readings["restore1"])
      #expect(reading.inputs.map(\.unparsedLines).reduce(0, +) == 0)
      #expect(
        SimulationFixtures.comparable(SimulationFixtures.counts(reading))
          == SimulationFixtures.comparable(summary.truth.expectedEvents["restore1"]))
      let recovery = reading.events.last { $0.kind.rawValue == "recovery" }
      #expect(recovery?.epochMilliseconds == restore.restoredAt)
      let frozenLines = reading.events.filter { $0.kind.rawValue == "frozen" }
      #expect(frozenLines.last.map { $0.epochMilliseconds <= restore.snapshotTime } ?? false)
      let master = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/master/messages.log"))
      let copy = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/restore1/messages.log"))
      let cut = try #require(copy.range(of: Data("\n*** Recovery started at".utf8))?.lowerBound)
      let firstLine = copy.prefix { $0 != UInt8(ascii: "\n") }
      let beginsFrozen = String(decoding: firstLine, as: UTF8.self).hasSuffix(
        "[Utility.Event] Backup.General.ExternalFreeze: System suspended")
      beginnings.insert(beginsFrozen)
      if beginsFrozen {
        // The master's own line, same local time and text, then straight to the recovery.
        #expect(master.range(of: Data(firstLine) + Data("\n".utf8)) != nil)
        #expect(frozenLines.count == 1 && frozenLines.first?.line == 1)
        #expect(reading.events.first?.kind.rawValue == "frozen")
      } else {
        #expect(master.prefix(cut) == copy.prefix(cut))
      }
      let toml = try String(contentsOfFile: folder.path + "/cluster.toml", encoding: .utf8)
      #expect(toml.contains("role = \"restored\"\nrestored_from = \"master\"\n"))
    }
    #expect(beginnings == [true, false], "both beginnings of a restored log appear")
  }
}
