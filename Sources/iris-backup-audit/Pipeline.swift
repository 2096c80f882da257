import ArgumentParser
import AuditPipeline
import AuditReports
import Foundation

/// How the subcommands start the library pipeline: resolve the options now, and turn its
/// errors into one line on standard error and exit status 3.
enum Pipeline {
  /// The pipeline of `options`, resolved at this moment.
  static func make(_ options: AuditOptions) throws -> AuditPipeline {
    let request = try perform { try AuditRequest(options, now: AuditPipeline.now()) }
    return AuditPipeline(request: request, toolVersion: ToolVersion.current)
  }

  /// Writes `outcome`'s report on standard output (`--format`, else `fallback`) and to the
  /// `--write` targets.
  static func write(
    _ outcome: AuditPipeline.Outcome, of pipeline: AuditPipeline, fallback: any ReportWriter
  ) throws {
    let writer = pipeline.request.format.map { $0.writer() } ?? fallback
    var report = outcome.report
    report.detail = pipeline.request.detail
    try perform {
      let output = StandardOutput()
      try writer.write(report) { output.write($0) }
      output.flush()
      try pipeline.writeTargets(report)
    }
  }

  /// Runs `body`; an `AuditPipelineError` (or any other) becomes one line and exit 3.
  static func perform<T>(_ body: () throws -> T) throws -> T {
    do {
      return try body()
    } catch let error as ExitCode {
      throw error
    } catch {
      Diagnostics.error(String(describing: error))
      throw ExitCode(ExitStatus.unknown)
    }
  }
}
