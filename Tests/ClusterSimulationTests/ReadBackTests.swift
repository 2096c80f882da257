import BackupEvents
import Foundation
import Testing

@testable import ClusterSimulation

/// The simulated logs read back through the project's reader: every line parses, every
/// event the model wrote is found, at the time the truth says.
@Suite struct ReadBackTests {
  static func corpus(rotate: Bool) -> SimulationConfiguration {
    var configuration = SimulationFixtures.configuration(days: 30, faults: SimulationFixtures.everyFault)
    configuration.start = CivilDate(year: 2021, month: 10, day: 10)
    configuration.noisePerHour = 30
    if rotate {
      configuration.rotateBytes = 150_000
      configuration.gzipRotated = true
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
      var counts: [String: Int] = [:]
      for event in reading.events { counts[event.kind.rawValue, default: 0] += 1 }
      #expect(counts == summary.truth.expectedEvents[name], "\(name) events differ from the truth")
    }
  }

  @Test func sessionTimesAreTheLoggedTimesOfTheirEvents() throws {
    let (folder, summary) = try SimulationFixtures.generate(ReadBackTests.corpus(rotate: false))
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
