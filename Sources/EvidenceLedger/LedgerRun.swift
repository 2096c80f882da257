import BackupAudit
import BackupEvents

/// One run of `audit --ledger`, as the ledger records it: what was read and what the audit of
/// it gave.
public struct LedgerRun: Sendable {
  /// The version of the tool that made the run.
  public var toolVersion: String
  /// When the run started and finished reading and auditing, milliseconds since the epoch.
  public var startedAt: Int64
  public var finishedAt: Int64
  /// The time the run's audit judged open episodes at.
  public var reportTime: Int64
  /// The configuration in effect, as JSON with sorted keys.
  public var configuration: String
  /// Every server's reading, in the pipeline's order.
  public var readings: [ServerReading]
  /// The run's audit (of `readings`, or of the ledger's whole history, `Ledger.record(_:auditing:)`).
  public var sessions: [Session]
  /// The run's findings, in the audit's order.
  public var findings: [Finding]
  /// The lines of files that the run read again, whose events the ledger may hold already.
  public var overlaps: [ReadOverlap]
  /// `RecordedFiles.lastInput` of what the run's reading started from; nil when it started
  /// from nothing recorded (the records of `--events`). A run recorded in the meantime would
  /// have read the same new bytes: this one is then not recorded.
  public var recordedUpTo: Int64?

  /// Creates a run record. Each input's identity (device, inode, prefix) and the bytes read
  /// come with its `InputSummary.range`; inputs without one (standard input, the records of
  /// `--events`) are recorded without them.
  public init(
    toolVersion: String, startedAt: Int64, finishedAt: Int64, reportTime: Int64,
    configuration: String, readings: [ServerReading], sessions: [Session] = [],
    findings: [Finding] = [], overlaps: [ReadOverlap] = [], recordedUpTo: Int64? = nil
  ) {
    self.toolVersion = toolVersion
    self.startedAt = startedAt
    self.finishedAt = finishedAt
    self.reportTime = reportTime
    self.configuration = configuration
    self.readings = readings
    self.sessions = sessions
    self.findings = findings
    self.overlaps = overlaps
    self.recordedUpTo = recordedUpTo
  }
}
