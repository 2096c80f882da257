/// The capability every report format has: writing one `AuditReport` to any text output.
///
/// Writers take the whole value and write to an output stream rather than to a file, so tests
/// write into a `String` and the command line writes to standard output or a file alike.
/// A writer is deterministic: the same report always gives the same text.
public protocol ReportWriter: Sendable {
  /// Writes `report` to `output`; throws a `ReportError` when the report cannot be expressed
  /// in the format.
  func write(_ report: AuditReport, to output: inout some TextOutputStream) throws

  /// Gives `emit` the report's UTF-8 bytes, in parts: what the command line writes on
  /// standard output. A writer that can make them without a `String` of the whole report on
  /// the way (the JSON report of years of history) gives each part as it is made; the others
  /// give one part, the whole report.
  func write(_ report: AuditReport, parts emit: ([UInt8]) throws -> Void) throws
}

extension ReportWriter {
  /// The report as one string, for tests and for writers that must finish before writing
  /// (a file replaced atomically).
  public func rendered(_ report: AuditReport) throws -> String {
    var text = ""
    try write(report, to: &text)
    return text
  }

  public func write(_ report: AuditReport, parts emit: ([UInt8]) throws -> Void) throws {
    try emit(Array(try rendered(report).utf8))
  }

  /// The report's UTF-8 bytes in one buffer, from `write(_:parts:)`.
  public func renderedBytes(_ report: AuditReport) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try write(report) { bytes += $0 }
    return bytes
  }
}

/// Why a report cannot be written.
public enum ReportError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The value cannot be encoded in the format (for example a non-finite number in JSON).
  case unencodable(format: String, reason: String)

  /// The message for people.
  public var description: String {
    switch self {
    case .unencodable(let format, let reason):
      "cannot write the \(format) report: \(reason)"
    }
  }
}
