import ArgumentParser
import AuditReports
import BackupAudit
import BackupEvents
import ClusterConfiguration
import Foundation
import LogReading

/// `audit`: the main job — sessions, findings, verdicts and an exit code (SPEC §6).
struct AuditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "audit",
    abstract: "Audit the backups in the logs and report each session's consistency.",
    discussion: """
      Exit status: 0 no finding at or above --fail-on; 1 warnings; 2 a critical finding; \
      3 unknown (insufficient evidence, unreadable input, invalid usage). A cluster folder that \
      holds a cluster.toml is read with it unless --config names another.
      """
  )

  @OptionGroup var reading: ReadingArguments

  @Option(help: "The configuration file (TOML): servers, zones, roles, thresholds, catalogue.")
  var config: String?

  @Option(help: "The format on standard output: \(Self.formatNames) (default text).")
  var format: String?

  @Flag(
    help: "Audit only the most recent session and print one status line (--format for more).")
  var last = false

  @Option(name: .customLong("write"), help: "Also write a format to a file, as FORMAT=PATH.")
  var writes: [String] = []

  @Option(help: "The least severity that fails the exit status: warning or critical.")
  var failOn: String?

  @Option(help: "Audit from this time (RFC 3339 or YYYY-MM-DD, UTC) or this long ago (26h).")
  var since: String?

  @Option(help: "Audit until this time (RFC 3339 or YYYY-MM-DD, UTC).")
  var until: String?

  @Option(help: "The freeze timeout (default 600s).")
  var freezeTimeout: String?

  @Option(help: "The longest acceptable quiesce (default 300s).")
  var maxQuiesce: String?

  @Option(help: "The clock skew tolerated between servers (default 2s).")
  var skewTolerance: String?

  @Option(help: "The recovery point objective, e.g. 26h (default: not checked).")
  var rpo: String?

  @Option(name: .customLong("restored"), help: "A server that is a restored copy, not production.")
  var restored: [String] = []

  @Option(help: "Pin the report's generation time (RFC 3339), for byte-identical reports.")
  var reportTime: String?

  /// `--format`, or one status line for `--last` and text otherwise.
  private var standardOutputWriter: any ReportWriter {
    if let format { return ReportFormat(rawValue: format)!.writer() }
    return last ? StatusLineReportWriter() : TextReportWriter()
  }

  static var formatNames: String { ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") }

  func validate() throws {
    if reading.paths.isEmpty && reading.servers.isEmpty && config == nil {
      throw ValidationError("name at least one log file, folder, --server NAME=PATH or --config FILE")
    }
    if let format, ReportFormat(rawValue: format) == nil {
      throw ValidationError("unknown format \(format); formats: \(Self.formatNames)")
    }
    if let failOn, failOn != "warning" && failOn != "critical" {
      throw ValidationError("--fail-on takes warning or critical, not \(failOn)")
    }
  }

  func run() throws {
    let plan: AuditPlan
    do {
      plan = try AuditPlan(command: self)
    } catch let error as ValidationError {
      throw error
    } catch {
      Diagnostics.error(String(describing: error))
      throw ExitCode(ExitStatus.unknown)
    }
    let readings = ServerLogReader.readAll(
      plan.servers, options: plan.readingOptions, catalogue: plan.catalogue)
    InputDiagnostics.report(readings)
    let auditor = Auditor(configuration: plan.audit)
    let result = last ? auditor.auditLastSession(readings) : auditor.audit(readings)
    let report = AuditReport(
      result: result, toolVersion: ToolVersion.current, generatedAt: plan.reportTime,
      failOn: plan.audit.failOn)
    let output = StandardOutput()
    output.write(Data(try standardOutputWriter.rendered(report).utf8))
    output.flush()
    for (target, path) in plan.writes {
      do {
        try ReportFile.write(try target.writer().rendered(report), to: path)
      } catch {
        Diagnostics.error("cannot write \(path): \(error)")
        throw ExitCode(ExitStatus.unknown)
      }
    }
    throw ExitCode(result.summary.exitCode)
  }
}
