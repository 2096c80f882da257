import Foundation
import Testing

@testable import ClusterSimulation

/// Same arguments, same bytes; different seeds, different corpora.
@Suite struct DeterminismTests {
  @Test func splitMixMatchesTheReferenceSequence() {
    // The first outputs of SplitMix64 seeded with 0, from the reference implementation.
    var generator = SplitMix64(seed: 0)
    #expect(generator.next() == 0xE220_A839_7B1D_CDAF)
    #expect(generator.next() == 0x6E78_9E6A_A1B9_65F4)
    #expect(generator.next() == 0x06C4_5D18_8009_454F)
  }

  @Test func sameArgumentsWriteIdenticalBytes() throws {
    var configuration = SimulationFixtures.configuration(
      faults: [
        .crashWhileFrozen, .thawFailed, .checkpointCollision, .unrecognisedBackupMessage,
        .backupInProgress, .zoneMismatch,
      ])
    configuration.rotateBytes = 20_000
    configuration.gzipRotated = true
    configuration.restoreTest = true
    let (first, _) = try SimulationFixtures.generate(configuration)
    let (second, _) = try SimulationFixtures.generate(configuration)
    let firstFiles = try SimulationFixtures.files(under: first.path)
    let secondFiles = try SimulationFixtures.files(under: second.path)
    #expect(firstFiles.keys.sorted() == secondFiles.keys.sorted())
    #expect(firstFiles.keys.contains { $0.hasSuffix(".gz") })
    let truth = String(decoding: firstFiles["truth.json"] ?? Data(), as: UTF8.self)
    #expect(truth.contains("\"report_time\": \"20") && truth.contains("\"configured_timezone\""))
    for (path, bytes) in firstFiles {
      #expect(secondFiles[path] == bytes, "\(path) differs between two runs")
    }
  }

  @Test func differentSeedsWriteDifferentCorpora() throws {
    let (first, _) = try SimulationFixtures.generate(SimulationFixtures.configuration(seed: 1))
    let (second, _) = try SimulationFixtures.generate(SimulationFixtures.configuration(seed: 2))
    let firstFiles = try SimulationFixtures.files(under: first.path)
    let secondFiles = try SimulationFixtures.files(under: second.path)
    #expect(firstFiles["master/messages.log"] != secondFiles["master/messages.log"])
    #expect(firstFiles["truth.json"] != secondFiles["truth.json"])
  }

  @Test func argumentsRoundTripThroughTheCommandLine() throws {
    var configuration = SimulationFixtures.configuration(
      faults: [.clockSkew, .decoyLines],
      faultRate: 0.25)
    configuration.rotateBytes = 65_536
    configuration.gzipRotated = true
    configuration.approaches = [.freeze, .instance]
    configuration.layouts = [.cache, .structuredJSON]
    configuration.restoreTest = true
    configuration.decoyShare = 0.2
    let parsed = try SimulationConfiguration(arguments: configuration.arguments)
    #expect(parsed == configuration)
  }

  @Test func rewritingAFolderReplacesItsOldLogs() throws {
    var configuration = SimulationFixtures.configuration()
    configuration.rotateBytes = 8_192
    let (folder, _) = try SimulationFixtures.generate(configuration)
    configuration.rotateBytes = 0
    _ = try ClusterSimulator.run(configuration, outputDirectory: folder.path)
    let names = try FileManager.default.contentsOfDirectory(atPath: folder.path + "/master")
    #expect(names == ["messages.log"])
  }
}
