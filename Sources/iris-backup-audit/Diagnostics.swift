import Foundation

/// Messages for people: always on standard error, never mixed with a report on standard output.
enum Diagnostics {
  /// Writes `iris-backup-audit: error: <message>`.
  static func error(_ message: String) {
    write("iris-backup-audit: error: \(message)\n")
  }

  /// Writes `iris-backup-audit: warning: <message>`.
  static func warning(_ message: String) {
    write("iris-backup-audit: warning: \(message)\n")
  }

  private static func write(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
  }
}
