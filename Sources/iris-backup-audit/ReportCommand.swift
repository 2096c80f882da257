import ArgumentParser
import AuditPipeline
import AuditReports

/// `report --ledger`: the audit of everything an evidence ledger recorded, for any period,
/// after the logs are gone (SPEC §6, §11).
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Report from an evidence ledger: the audit of every event its runs recorded.",
    discussion: """
      The ledger's events and inputs are audited as audit audits logs, so a backup open at \
      the end of one run's logs is judged by what a later run read. Exit status as audit's.
      """
  )

  @Option(help: ArgumentHelp("The evidence ledger that audit --ledger wrote.", valueName: "file"))
  var ledger: String

  @Option(
    help: ArgumentHelp(
      "The configuration file (TOML): members, roles, thresholds (default: those the "
        + "ledger's latest run recorded)."))
  var config: String?

  @OptionGroup var thresholds: ThresholdArguments

  @OptionGroup var reporting: ReportingArguments

  /// The pipeline's options from the flags.
  var options: AuditOptions {
    var options = reporting.applied(to: thresholds.applied(to: AuditOptions()))
    options.configurationPath = config
    options.ledger = ledger
    options.readsLedger = true
    return options
  }

  func run() throws {
    let pipeline = try Pipeline.make(options)
    let outcome = try Pipeline.perform { try pipeline.run() }
    try Pipeline.write(outcome, of: pipeline, fallback: TextReportWriter())
    throw ExitCode(outcome.result.summary.exitCode)
  }
}
