import BackupEvents
import Foundation
import Testing

@testable import ClusterSimulation

/// `--decoy-share`: noise lines that mention a backup class replace ordinary ones, in the
/// share asked for, and change nothing an audit must conclude.
@Suite struct DecoyShareTests {
  /// The words every decoy holds one of, and no ordinary noise message does.
  static let mentions = ["Backup.", "ExternalFreeze", "ExternalThaw"]

  static func mentionsABackupClass(_ line: Substring) -> Bool {
    mentions.contains { line.contains($0) }
  }

  @Test func theShareOfNoiseLinesThatAreDecoysIsTheOneAskedFor() throws {
    var configuration = SimulationFixtures.configuration(days: 4)
    configuration.noisePerHour = 200
    configuration.timeZones = ["UTC"]
    var decoyed = configuration
    decoyed.decoyShare = 0.2
    let (plain, _) = try SimulationFixtures.generate(configuration)
    let (dense, _) = try SimulationFixtures.generate(decoyed)
    for server in configuration.serverNames {
      let before = try Self.entries(plain.path + "/\(server)/messages.log")
      let after = try Self.entries(dense.path + "/\(server)/messages.log")
      // A decoy takes an ordinary message's place: same entries, at the same times.
      #expect(before.map { $0.prefix(21) } == after.map { $0.prefix(21) }, "\(server)")
      let decoys =
        after.filter(Self.mentionsABackupClass).count
        - before.filter(Self.mentionsABackupClass).count
      let share = Double(decoys) / Double(after.count)
      #expect(share > 0.18 && share < 0.22, "\(server): \(decoys) of \(after.count) entries")
    }
  }

  @Test func decoysLeaveTheTruthUnchangedAndAreReadAsNoEvent() throws {
    // Every fault, every layout, rotated and gzipped files and a restored copy.
    let configuration = ReadBackTests.corpus(rotate: true)
    var decoyed = configuration
    decoyed.decoyShare = 0.2
    let (_, plain) = try SimulationFixtures.generate(configuration)
    let (folder, dense) = try SimulationFixtures.generate(decoyed)
    #expect(dense.truth == plain.truth)
    #expect(!dense.truth.findings.isEmpty)
    let readings = try SimulationFixtures.readBack(folder.path, truth: dense.truth)
    #expect(readings.count == dense.truth.servers.count)
    for (name, reading) in readings {
      #expect(reading.failures.isEmpty)
      #expect(reading.inputs.map(\.unparsedLines).reduce(0, +) == 0, "\(name) has unparsed lines")
      #expect(
        SimulationFixtures.comparable(SimulationFixtures.counts(reading))
          == SimulationFixtures.comparable(dense.truth.expectedEvents[name]),
        "\(name): a decoy was read as an event, or an event was lost")
    }
  }

  @Test func aRestoredCopyRepeatsTheMastersDecoys() throws {
    var copies = 0
    for seed in UInt64(1)...6 {
      var configuration = RestoreTestReadBackTests.configuration(seed: seed)
      configuration.decoyShare = 0.3
      let (folder, _) = try SimulationFixtures.generate(configuration)
      let master = try Data(contentsOf: URL(fileURLWithPath: folder.path + "/master/messages.log"))
      let copy = try Data(
        contentsOf: URL(fileURLWithPath: folder.path + "/restore1/messages.log"))
      let cut = try #require(copy.range(of: Data("\n*** Recovery started at".utf8))?.lowerBound)
      // About half of the restored logs begin at the master's "System suspended" line instead.
      let firstLine = String(decoding: copy.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
      if firstLine.hasSuffix("Backup.General.ExternalFreeze: System suspended") { continue }
      #expect(master.prefix(cut) == copy.prefix(cut), "seed \(seed)")
      #expect(
        String(decoding: copy.prefix(cut), as: UTF8.self).contains("Backup.General.IsWDSuspended"))
      copies += 1
    }
    #expect(copies > 0)
  }

  @Test func anOutOfRangeShareIsRefused() {
    for share in [-0.1, 1.5, Double.nan] {
      var configuration = SimulationFixtures.configuration()
      configuration.decoyShare = share
      #expect(throws: SimulationError.self) { try configuration.validate() }
    }
  }

  /// The first lines of a classic log's entries (continuation lines begin with a space).
  static func entries(_ path: String) throws -> [Substring] {
    let text = try String(contentsOfFile: path, encoding: .utf8)
    return text.split(separator: "\n").filter { $0.first?.isNumber == true }
  }
}
