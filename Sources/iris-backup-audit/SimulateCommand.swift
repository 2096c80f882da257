import ArgumentParser
import ClusterSimulation
import Foundation

/// `simulate OUTDIR`: runs the simulated engine and writes its logs and ground truth.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a sharded cluster's backups and write its logs and truth.json.",
    discussion: """
      Writes OUTDIR/<server>/messages.log (and rotated files), OUTDIR/cluster.toml and \
      OUTDIR/truth.json. The same arguments always give the same bytes.
      Faults: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")).
      """
  )

  @Argument(help: "The folder to write the simulated cluster into.")
  var outputDirectory: String

  @Option(help: "Seed of every random choice.")
  var seed: UInt64 = 1

  @Option(help: "Data servers: a master and N-1 shards.")
  var servers = 4

  @Option(help: "Simulated days, each with a nightly backup.")
  var days = 7

  @Option(help: "Faults to inject at least once each, comma-separated rule IDs (see above).")
  var faults: String?

  @Option(
    name: .customLong("fault-rate"), help: "Probability that a night carries a random fault (0-1).")
  var faultRate = 0.0

  @Option(name: .customLong("noise-per-hour"), help: "Ordinary messages per server and hour.")
  var noisePerHour = 20

  @Option(
    name: .customLong("skew-ms"),
    help: "Bound of each server's clock offset, in milliseconds (0-800).")
  var skewMilliseconds = 250

  @Option(name: .customLong("rotate-bytes"), help: "Rotate messages.log at this size (0: never).")
  var rotateBytes = 0

  @Flag(name: .customLong("gzip-rotated"), help: "Gzip rotated logs.")
  var gzipRotated = false

  @Flag(
    name: .customLong("restore-test"),
    help: "Add restore1, started from a snapshot of the master taken while frozen.")
  var restoreTest = false

  @Option(
    help:
      "Log layouts given to the servers in turn: iris, cache, structured-pairs, structured-json.")
  var layouts = "iris"

  @Option(help: "First simulated day, YYYY-MM-DD (UTC).")
  var start = "2021-08-05"

  @Option(help: "IANA zones given to the servers in turn, comma-separated (master first).")
  var timezone = "UTC"

  @Option(
    help: "Approaches the scheduler uses, comma-separated: freeze, quiesce, checkpoint, instance.")
  var approaches = "freeze,quiesce,checkpoint,instance"

  func run() throws {
    let configuration = try makeConfiguration()
    let summary: SimulationSummary
    do {
      summary = try ClusterSimulator.run(configuration, outputDirectory: outputDirectory)
    } catch {
      if case .invalidConfiguration(let message) = error { throw ValidationError(message) }
      throw error
    }
    print(
      "wrote \(summary.files) log files (\(summary.bytesWritten) bytes) for "
        + "\(summary.truth.servers.count) servers, \(summary.truth.sessions.count) sessions, "
        + "\(summary.truth.findings.count) expected findings into \(outputDirectory)")
    if restoreTest && summary.truth.restoreTests.isEmpty {
      FileHandle.standardError.write(
        Data("no consistent cluster freeze to restore from: no restore test was written\n".utf8))
    }
  }

  func makeConfiguration() throws -> SimulationConfiguration {
    var configuration = SimulationConfiguration()
    configuration.seed = seed
    configuration.serverCount = servers
    configuration.days = days
    configuration.faultRate = faultRate
    configuration.noisePerHour = noisePerHour
    configuration.skewMilliseconds = skewMilliseconds
    configuration.rotateBytes = rotateBytes
    configuration.gzipRotated = gzipRotated
    configuration.restoreTest = restoreTest
    guard let date = CivilDate(parsing: start) else {
      throw ValidationError("--start must be a date like 2021-08-05")
    }
    configuration.start = date
    configuration.timeZones = SimulateCommand.list(timezone)
    configuration.faults = try SimulateCommand.list(faults ?? "").map { name in
      guard let fault = FaultKind(rawValue: name) else {
        throw ValidationError("unknown fault \(name); see simulate --help for the list")
      }
      return fault
    }
    configuration.layouts = try SimulateCommand.list(layouts).map { name in
      guard let layout = LogLayout(rawValue: name) else {
        throw ValidationError(
          "unknown layout \(name); use iris, cache, structured-pairs or structured-json")
      }
      return layout
    }
    configuration.approaches = try SimulateCommand.list(approaches).map { name in
      guard let approach = BackupApproach(rawValue: name) else {
        throw ValidationError(
          "unknown approach \(name); use freeze, quiesce, checkpoint or instance")
      }
      return approach
    }
    do {
      try configuration.validate()
    } catch {
      throw ValidationError(error.description)
    }
    return configuration
  }

  private static func list(_ text: String) -> [String] {
    text.split(separator: ",").map { String($0.trimmingCharacters(in: .whitespaces)) }.filter {
      !$0.isEmpty
    }
  }
}
