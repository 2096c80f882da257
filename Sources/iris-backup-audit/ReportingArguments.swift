import ArgumentParser
import AuditPipeline

/// The options of what an audit reports, which `audit` and `report` share: formats, files,
/// detail, the period and the report time.
struct ReportingArguments: ParsableArguments {
  @Option(help: "The format on standard output: \(AuditRequest.formatNames) (default text).")
  var format: String?

  @Option(name: .customLong("write"), help: "Also write a format to a file, as FORMAT=PATH.")
  var writes: [String] = []

  @Option(
    help: ArgumentHelp(
      "Which sessions the HTML and Markdown reports draw and detail: findings (those not "
        + "consistent, the default) or all."))
  var detail: String?

  @Option(help: "Audit from this time (RFC 3339 or YYYY-MM-DD, UTC) or this long ago (26h).")
  var since: String?

  @Option(help: "Audit until this time (RFC 3339 or YYYY-MM-DD, UTC).")
  var until: String?

  @Option(
    help: ArgumentHelp(
      "Pin the report's generation time (RFC 3339), for byte-identical reports; open "
        + "backups are judged at this time."))
  var reportTime: String?

  /// `options` with these set.
  func applied(to options: AuditOptions) -> AuditOptions {
    var options = options
    options.format = format
    options.writes = writes
    options.detail = detail
    options.since = since
    options.until = until
    options.reportTime = reportTime
    return options
  }
}
