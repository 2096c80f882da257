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

  @Option(help: "The format on standard output: \(AuditRequest.formatNames) (default text).")
  var format: String?

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

  @Option(name: .customLong("write"), help: "Also write a format to a file, as FORMAT=PATH.")
  var writes: [String] = []

  @Option(
    help: ArgumentHelp(
      "Which sessions the HTML and Markdown reports draw and detail: findings (those not "
        + "consistent, the default) or all."))
  var detail: String?

  @OptionGroup var thresholds: ThresholdArguments

  @Option(help: "Audit from this time (RFC 3339 or YYYY-MM-DD, UTC) or this long ago (26h).")
  var since: String?

  @Option(help: "Audit until this time (RFC 3339 or YYYY-MM-DD, UTC).")
  var until: String?

  @Option(
    help: ArgumentHelp(
      "Pin the report's generation time (RFC 3339), for byte-identical reports; open "
        + "backups are judged at this time."))
  var reportTime: String?

  /// The pipeline's options from the flags.
  var options: AuditOptions {
    var options = thresholds.applied(to: reading.options)
    options.format = format
    options.writes = writes
    options.since = since
    options.until = until
    options.reportTime = reportTime
    options.isLastOnly = last
    options.wait = wait
    options.detail = detail
    options.events = events
    return options
  }

  func run() throws {
    let pipeline = try Pipeline.make(options)
    let outcome = try Pipeline.perform { try pipeline.run() }
    InputDiagnostics.report(outcome.readings)
    let fallback: any ReportWriter = last ? StatusLineReportWriter() : TextReportWriter()
    let writer = pipeline.request.format.map { $0.writer() } ?? fallback
    var report = outcome.report
    report.detail = pipeline.request.detail
    try Pipeline.perform {
      let output = StandardOutput()
      output.write(Data(try writer.rendered(report).utf8))
      output.flush()
      try pipeline.writeTargets(report)
    }
    throw ExitCode(outcome.result.summary.exitCode)
  }
}
