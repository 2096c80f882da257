/// The version reported by `--version` and written into every report.
enum ToolVersion {
  /// Bumped by hand at each release.
  static let current = "0.1.0"
}
