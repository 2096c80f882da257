import BackupAudit

/// What a run tells the ledger so that it may report a recorded audit instead of auditing the
/// history again (`Ledger.record(_:snapshot:auditing:)`).
public struct AuditSnapshotKey: Sendable {
  /// Everything the audit of the ledger's history depends on besides its rows and the report
  /// time: the tool's version and executable, the audit's configuration without its report
  /// time, its scope (`--last`). A snapshot is used only by a run whose basis is the same, byte
  /// for byte.
  public var basis: String
  /// The run's configuration, with its report time: the reported result's.
  public var configuration: AuditConfiguration
  /// The run's report time: a snapshot made at a later one is not used (an episode in
  /// progress then may have been in progress before).
  public var reportTime: Int64

  /// Creates a key.
  public init(basis: String, configuration: AuditConfiguration, reportTime: Int64) {
    self.basis = basis
    self.configuration = configuration
    self.reportTime = reportTime
  }
}
