import Foundation
import TestSupport
import Testing

@testable import ClusterSimulation

/// The committed sample clusters are exactly what their recorded command line generates
/// (`make samples` rewrites them with `Samples/generate.sh`).
@Suite struct SamplesTests {
  @Test(arguments: ["clean-week", "faulty-month", "mixed-layouts", "quarter"])
  func committedSampleEqualsAFreshGeneration(name: String) throws {
    let sample = EventReading.packagePath("Samples/\(name)")
    let toml = try String(contentsOfFile: sample + "/cluster.toml", encoding: .utf8)
    let header = try #require(toml.split(separator: "\n").first)
    let words = header.split(separator: " ").map(String.init)
    let arguments = Array(words.drop { $0 != "OUTDIR" }.dropFirst())
    let configuration = try SimulationConfiguration(arguments: arguments)
    let folder = try TemporaryFolder()
    _ = try ClusterSimulator.run(configuration, outputDirectory: folder.path)
    let fresh = try SimulationFixtures.files(under: folder.path)
    let committed = try SimulationFixtures.files(under: sample)
    #expect(fresh.keys.sorted() == committed.keys.sorted())
    for (path, bytes) in fresh {
      #expect(committed[path] == bytes, "Samples/\(name)/\(path) is stale: run make samples")
    }
  }

  @Test func faultyMonthHoldsEveryRule() throws {
    let sample = EventReading.packagePath("Samples/faulty-month/truth.json")
    let object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: sample)))
    let findings = try #require((object as? [String: Any])?["findings"] as? [[String: Any]])
    let rules = Set(findings.compactMap { $0["rule"] as? String })
    #expect(rules == Set(FaultKind.rules.map(\.rawValue)))
  }

  @Test func cleanWeekHasNoFinding() throws {
    let sample = EventReading.packagePath("Samples/clean-week/truth.json")
    let object = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: sample)))
    let findings = try #require((object as? [String: Any])?["findings"] as? [Any])
    #expect(findings.isEmpty)
  }
}
