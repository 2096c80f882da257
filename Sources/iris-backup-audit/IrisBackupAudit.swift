import ArgumentParser

#if canImport(Glibc)
  import Glibc
#endif

/// The `iris-backup-audit` command: audits the backups of an IRIS sharded cluster from its logs.
@main
struct IrisBackupAudit: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "iris-backup-audit",
    abstract: "Audit the backups of an InterSystems IRIS cluster from its messages.log files.",
    version: ToolVersion.current,
    subcommands: [
      AuditCommand.self, ReportCommand.self, LedgerCommand.self, WatchCommand.self,
      EventsCommand.self, SimulateCommand.self, RulesCommand.self,
    ]
  )

  /// Parses and runs; invalid usage exits 3 (SPEC §6), not swift-argument-parser's 64.
  static func main() {
    // Before anything logs: swift-log's default handler would write to standard output.
    Diagnostics.bootstrap(verbose: CommandLine.arguments.contains("--verbose"))
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch let exit as ExitCode {
      Glibc.exit(exit.rawValue)
    } catch {
      if exitCode(for: error) == .validationFailure {
        // One line (SPEC §9): the parser's own message, without its usage and help lines.
        var message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? ""
        if message.hasPrefix("Error: ") { message.removeFirst(7) }
        Diagnostics.error(message + " (see --help)")
        Glibc.exit(ExitStatus.unknown)
      }
      self.exit(withError: error)
    }
  }
}
