import ArgumentParser
import ClusterSimulation

/// `simulate OUTDIR`: runs the simulated engine and writes its logs and ground truth.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a sharded cluster's backups and write its logs and truth.json (in progress)."
  )

  @Argument(help: "The folder to write the simulated cluster into.")
  var outputDirectory: String

  func run() throws {
    throw ValidationError("simulate is not built yet")
  }
}
