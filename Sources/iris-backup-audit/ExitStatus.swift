import BackupAudit

/// The exit codes of SPEC §6 that the subcommands give of themselves (an audit's own comes
/// from `AuditStatus.exitCode(failOn:)`).
enum ExitStatus {
  /// Unknown: unreadable input or invalid usage.
  static let unknown: Int32 = AuditStatus.unknown.exitCode(failOn: .warning)
}
