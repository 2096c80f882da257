import ArgumentParser
import ClusterSimulation
import Foundation

/// `simulate OUTDIR [options]`: runs the simulated engine and writes its logs and ground truth.
///
/// Its words pass through unparsed: `SimulationConfiguration.options` is the one parser of
/// the simulation's options (a corpus is rebuilt from the command line recorded in its
/// `cluster.toml` by the same table), and the help below is drawn from it.
struct SimulateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "simulate",
    abstract: "Simulate a sharded cluster's backups and write its logs and truth.json.",
    usage: "iris-backup-audit simulate <output-directory> [<options>]",
    discussion: """
      Writes OUTDIR/<server>/messages.log (and rotated files), OUTDIR/cluster.toml and \
      OUTDIR/truth.json. The same arguments always give the same bytes.
      Faults: \(FaultKind.allCases.map(\.rawValue).joined(separator: ", ")).

      SIMULATION OPTIONS:
      \(SimulateCommand.optionsHelp)
      """
  )

  /// The output folder and the options, in any order.
  @Argument(parsing: .captureForPassthrough, help: .hidden)
  var words: [String] = []

  func run() throws {
    let options = words.prefix { $0 != "--" }
    if options.contains("--help") || options.contains("-h") { throw CleanExit.helpRequest(self) }
    if options.contains("--version") { throw CleanExit.message(ToolVersion.current) }
    let request: (outputDirectory: String, configuration: SimulationConfiguration)
    do {
      request = try SimulationConfiguration.parse(commandLine: words)
      try request.configuration.validate()
    } catch {
      throw ValidationError(error.description)
    }
    let summary: SimulationSummary
    do {
      summary = try ClusterSimulator.run(
        request.configuration, outputDirectory: request.outputDirectory)
    } catch {
      if case .invalidConfiguration(let message) = error { throw ValidationError(message) }
      throw error
    }
    print(
      "wrote \(summary.files) log files (\(summary.bytesWritten) bytes) for "
        + "\(summary.truth.servers.count) servers, \(summary.truth.sessions.count) sessions, "
        + "\(summary.truth.findings.count) expected findings into \(request.outputDirectory)")
    if request.configuration.restoreTest && summary.truth.restoreTests.isEmpty {
      FileHandle.standardError.write(
        Data("no consistent cluster freeze to restore from: no restore test was written\n".utf8))
    }
  }

  /// The options as swift-argument-parser lays out its own: the name and value, then from
  /// column 26 the help with its default, in lines shorter than 80 columns.
  static var optionsHelp: String {
    let indent = String(repeating: " ", count: 26)
    return SimulationConfiguration.options.map { option in
      let name = "  " + option.flag + (option.valueName.map { " <\($0)>" } ?? "")
      let help = option.help + (option.defaultText.map { " (default: \($0))" } ?? "")
      let lines = wrapped(help, width: 79 - indent.count)
      guard name.count < indent.count - 1 else {
        return ([name] + lines.map { indent + $0 }).joined(separator: "\n")
      }
      let first = name.padding(toLength: indent.count, withPad: " ", startingAt: 0) + lines[0]
      return ([first] + lines.dropFirst().map { indent + $0 }).joined(separator: "\n")
    }.joined(separator: "\n")
  }

  /// `text` in lines of at most `width` characters (a longer word stays whole); never empty.
  private static func wrapped(_ text: String, width: Int) -> [String] {
    var lines: [String] = []
    var line = ""
    for word in text.split(separator: " ") {
      if !line.isEmpty && line.count + 1 + word.count > width {
        lines.append(line)
        line = ""
      }
      line += (line.isEmpty ? "" : " ") + word
    }
    return lines + [line]
  }
}
