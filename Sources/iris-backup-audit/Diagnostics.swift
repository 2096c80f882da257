import Foundation
import Logging

/// Messages for people: always on standard error, never mixed with a report on standard output.
///
/// Goes through swift-log so that library code can log too; `--verbose` shows debug messages.
enum Diagnostics {
  /// The process's logger; `bootstrap` must run before the first message.
  nonisolated(unsafe) static var logger = Logger(label: "iris-backup-audit")

  /// Installs the plain standard-error handler at `level`; call once, before anything logs.
  static func bootstrap(verbose: Bool) {
    LoggingSystem.bootstrap { label in
      var handler = PlainLogHandler(label: label)
      handler.logLevel = verbose ? .debug : .info
      return handler
    }
    logger = Logger(label: "iris-backup-audit")
  }

  /// `iris-backup-audit: error: <message>`.
  static func error(_ message: String) {
    logger.error("\(message)")
  }

  /// `iris-backup-audit: warning: <message>`.
  static func warning(_ message: String) {
    logger.warning("\(message)")
  }

  /// Shown with `--verbose` only.
  static func debug(_ message: String) {
    logger.debug("\(message)")
  }
}

/// Writes `<label>: <level>: <message>` lines to standard error, like other Unix tools.
struct PlainLogHandler: LogHandler {
  let label: String
  var logLevel: Logger.Level = .info
  var metadata: Logger.Metadata = [:]

  subscript(metadataKey key: String) -> Logger.Metadata.Value? {
    get { metadata[key] }
    set { metadata[key] = newValue }
  }

  func log(event: LogEvent) {
    let level = event.level == .critical ? "error" : event.level.rawValue
    FileHandle.standardError.write(Data("\(label): \(level): \(event.message)\n".utf8))
  }
}
