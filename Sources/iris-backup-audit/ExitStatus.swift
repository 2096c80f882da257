/// The exit codes of SPEC §6, shared by every subcommand.
enum ExitStatus {
  /// No finding at or above the threshold.
  static let ok: Int32 = 0
  /// Warnings.
  static let warning: Int32 = 1
  /// A critical finding.
  static let critical: Int32 = 2
  /// Unknown: insufficient evidence, unreadable input, or invalid usage.
  static let unknown: Int32 = 3
}
