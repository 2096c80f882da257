import Foundation
import Testing

@testable import ClusterSimulation

/// `instance-start` lines (IRIS 2024.1 and later) state the server's UTC time: it agrees with
/// the model and with the line's own local timestamp read in the server's true zone; every log
/// begins with a startup; and `zone-mismatch` configures one server with a wrong zone.
@Suite struct InstanceStartTests {
  /// `MM/DD/YYYY HH:MM:SS.mmm UTC` at the end of an instance-start line, as UTC milliseconds.
  static func statedUTC(_ text: String) -> Int64? {
    guard let on = text.range(of: " on ", options: .backwards) else { return nil }
    let stamp = text[on.upperBound...]
    let parts = stamp.split(whereSeparator: { "/ :.".contains($0) })
    guard parts.count == 8, parts[7] == "UTC", let month = Int(parts[0]), let day = Int(parts[1]),
      let year = Int(parts[2]), let hour = Int64(parts[3]), let minute = Int64(parts[4]),
      let second = Int64(parts[5]), let milli = Int64(parts[6])
    else { return nil }
    let days = Int64(CivilDate(year: year, month: month, day: day).daysSinceEpoch)
    return days * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + milli
  }

  /// `MM/DD/YY-HH:MM:SS:mmm` at the start of an IRIS-layout line, read in `zone`.
  static func classicTime(_ line: Substring, zone: TimeZone) -> Int64? {
    let parts = line.prefix(21).split(whereSeparator: { "/-:".contains($0) }).compactMap {
      Int($0)
    }
    guard parts.count == 7 else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = zone
    let components = DateComponents(
      year: 2000 + parts[2], month: parts[0], day: parts[1], hour: parts[3], minute: parts[4],
      second: parts[5])
    guard let date = calendar.date(from: components) else { return nil }
    return Int64(date.timeIntervalSince1970) * 1000 + Int64(parts[6])
  }

  @Test func theStatedUTCIsTheInstantTheLocalTimestampDenotes() throws {
    for model in try ModelInvariantTests.models() {
      for server in model.servers {
        let starts = server.entries.filter { $0.event == "instance-start" }
        #expect(!starts.isEmpty, "\(server.name) never logs instance-start")
        for entry in starts {
          #expect(Self.statedUTC(entry.text) == model.logged(server.index, entry.time))
          #expect(entry.category == "Generic.Event" && entry.severity == 0)
          let startup = server.entries.first { $0.event == "startup" && $0.time >= entry.time }
          #expect(startup.map { $0.time - entry.time <= 25 } ?? false)
        }
      }
    }
  }

  @Test func writtenLinesAgreeWithTheirZone() throws {
    var configuration = SimulationFixtures.configuration(days: 6, faults: [.crashWhileFrozen])
    configuration.layouts = [.iris, .cache]
    let (folder, summary) = try SimulationFixtures.generate(configuration)
    for server in summary.truth.servers {
      let isCache = server.layout == "cache"
      let file = folder.path + "/\(server.name)/" + (isCache ? "cconsole.log" : "messages.log")
      let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n")
      let starts = lines.filter { $0.contains("starting on node") }
      // Every log begins with a startup, so every IRIS log states its UTC time at once.
      if isCache {
        #expect(starts.isEmpty && lines.dropFirst().first?.hasPrefix("Startup of") == true)
        #expect(summary.truth.expectedEvents[server.name]?["instance-start"] == nil)
        continue
      }
      #expect(lines.first?.contains("starting on node \(server.name) by user irisowner") == true)
      #expect(starts.count == summary.truth.expectedEvents[server.name]?["instance-start"])
      let zone = try #require(TimeZone(identifier: server.timeZone))
      for line in starts {
        #expect(line.contains("[Generic.Event] Instance 'IRIS' starting on node"))
        #expect(Self.classicTime(line, zone: zone) == Self.statedUTC(String(line)), "\(line)")
      }
    }
  }

  @Test func aMismatchedZoneKeepsItsDSTRulesAndChangesItsOffset() throws {
    var servers: Set<String> = []
    for seed in UInt64(1)...6 {
      let configuration = SimulationFixtures.configuration(seed: seed, faults: [.zoneMismatch])
      let (folder, summary) = try SimulationFixtures.generate(configuration)
      let truth = summary.truth
      let mismatched = truth.servers.filter { $0.configuredTimeZone != $0.timeZone }
      let server = try #require(mismatched.count == 1 ? mismatched.first : nil)
      servers.insert(server.timeZone + "→" + server.configuredTimeZone)
      #expect(server.role == "shard")
      let start = Int64(configuration.start.daysSinceEpoch) * ClusterModel.day
      let span = (start - ClusterModel.day, start + 10 * ClusterModel.day)
      let real = try #require(ZoneTable(identifier: server.timeZone, from: span.0, to: span.1))
      let wrong = try #require(
        ZoneTable(identifier: server.configuredTimeZone, from: span.0, to: span.1))
      #expect(real.transitions.count == wrong.transitions.count)
      #expect(real.offset(at: start) != wrong.offset(at: start))
      let toml = try String(contentsOfFile: folder.path + "/cluster.toml", encoding: .utf8)
      #expect(
        toml.contains(
          "name = \"\(server.name)\"\npath = \"\(server.name)\"\n"
            + "timezone = \"\(server.configuredTimeZone)\"\n"))
      let finding = try #require(truth.findings.first { $0.rule == "zone-mismatch" })
      #expect(finding.server == server.name && finding.session == nil)
      #expect(finding.severity == "warning")
      let log = try String(
        contentsOfFile: folder.path + "/\(server.name)/messages.log", encoding: .utf8)
      let first = try #require(log.split(separator: "\n").first { $0.contains("starting on node") })
      #expect(finding.time == Self.statedUTC(String(first)))
      #expect(truth.findings.filter { $0.rule != "zone-mismatch" }.isEmpty)
      // The truth keeps true times: the same corpus without the wrong zone has the same ones.
      let plain = try ClusterSimulator.simulate(SimulationFixtures.configuration(seed: seed))
      #expect(plain.sessions.map(\.start) == truth.sessions.map(\.start))
    }
    #expect(servers.count >= 2, "several zones are mistaken: \(servers)")
  }
}
