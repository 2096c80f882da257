import BackupAudit
import CivilTime

/// One audit's result with what a report says about its own making: the tool, the time it
/// was generated and the exit threshold. The inputs' hashes travel in the result
/// (`AuditInput.sha256`, computed while the files were read).
///
/// Every writer takes this one value, so the same report gives the same bytes in each format
/// (pin `generatedAt`, as `--report-time` does, to make whole reports byte-identical).
public struct AuditReport: Sendable, Equatable {
  /// The audit's findings, sessions and inputs.
  public var result: AuditResult
  /// The tool's name as reports show it.
  public var toolName: String
  /// The tool's version, as `--version` prints it.
  public var toolVersion: String
  /// When the report was generated, in milliseconds since the epoch.
  public var generatedAt: Int64
  /// Which sessions the HTML and Markdown reports draw and detail (`--detail`); the other
  /// formats hold everything whatever it says.
  public var detail: ReportDetail
  /// The least severity that makes the exit status non-zero (`--fail-on`); it decided
  /// `result.summary.exitCode`. Kept in the result's configuration only.
  public var failOn: Severity { result.configuration.failOn }

  /// Creates a report.
  public init(
    result: AuditResult, toolName: String = "iris-backup-audit", toolVersion: String,
    generatedAt: Int64, detail: ReportDetail = .findings
  ) {
    self.result = result
    self.toolName = toolName
    self.toolVersion = toolVersion
    self.generatedAt = generatedAt
    self.detail = detail
  }
}

/// RFC 3339 in UTC with milliseconds, the one time format of every report.
func timestamp(_ epochMilliseconds: Int64) -> String {
  CivilCalendar.rfc3339(epochMilliseconds: epochMilliseconds)
}

/// `timestamp(_:)` of an optional instant.
func timestamp(_ epochMilliseconds: Int64?) -> String? {
  epochMilliseconds.map { CivilCalendar.rfc3339(epochMilliseconds: $0) }
}

/// Milliseconds as seconds with the milliseconds kept exactly (`812345` → `812.345`).
func seconds(_ milliseconds: Int64) -> Double {
  Double(milliseconds) / 1000
}

/// Seconds rounded to whole milliseconds, so that floating-point noise from the audit's
/// arithmetic never reaches a report.
func roundedSeconds(_ value: Double) -> Double {
  (value * 1000).rounded() / 1000
}
