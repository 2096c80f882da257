import ArgumentParser
import AuditPipeline
import AuditReports
import Foundation

/// `audit`: the main job — sessions, findings, verdicts and an exit code (SPEC §6).
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Audit the backups in the logs and report each session's consistency.",
    discussion: """
      Exit status: 0 no finding at or above --fail-on; 1 warnings; 2 a critical finding; \
      3 unknown (insufficient evidence, unreadable input, invalid usage, or with --last a \
      backup still in progress). A cluster folder that holds a cluster.toml is read with it \
      unless --config names another; --config alone audits the servers it lists.
      """
  )

  @OptionGroup var reading: ReadingArguments

  @Flag(
    help: "Audit only the most recent session and print one status line (--format for more).")
  var last = false

  @Option(
    help: ArgumentHelp(
      "With --last: while the session is in progress, read the logs again as they grow "
        + "for up to this long (e.g. 60s)."))
  var wait: String?

  @Option(
    parsing: .upToNextOption,
    help: ArgumentHelp(
      "Audit the JSON Lines that events wrote instead of logs (- reads standard input).",
      discussion: "Each host runs events on its own logs; the records travel to one machine, "
        + "which audits them with the same sessions, findings and input hashes.",
      valueName: "file"))
  var events: [String] = []

  @OptionGroup var thresholds: ThresholdArguments

  @OptionGroup var reporting: ReportingArguments

  @Option(
    help: ArgumentHelp(
      "Also record this run in the evidence ledger FILE (SQLite, created when missing).",
      discussion: "Its inputs, events, sessions and findings, hashed and chained to the run "
        + "before; report --ledger audits them later, after the logs are gone.",
      valueName: "file"))
  var ledger: String?

  /// The pipeline's options from the flags.
  var options: AuditOptions {
    var options = reporting.applied(to: thresholds.applied(to: reading.options))
    options.isLastOnly = last
    options.wait = wait
    options.events = events
    options.ledger = ledger
    return options
  }

  func run() throws {
    let pipeline = try Pipeline.make(options)
    var outcome = try Pipeline.perform { try pipeline.run() }
    InputDiagnostics.report(outcome.readings)
    // The report is made: the events need not stay in memory while it is written (years of
    // history are tens of megabytes of them), and the memory they held goes back to the system.
    outcome.readings = []
    MemoryRelease.returnFreedMemory()
    InputDiagnostics.report(unchanged: outcome.unchangedFiles)
    for warning in outcome.ledgerWarnings { Diagnostics.warning(warning) }
    if let run = outcome.reusedRun {
      Diagnostics.debug(
        "no evidence added since run \(run) of the ledger: the audit it recorded is reported "
          + "(no backup was in progress at its report time)")
    }
    let fallback: any ReportWriter = last ? StatusLineReportWriter() : TextReportWriter()
    try Pipeline.write(outcome, of: pipeline, fallback: fallback)
    throw ExitCode(outcome.result.summary.exitCode)
  }
}
