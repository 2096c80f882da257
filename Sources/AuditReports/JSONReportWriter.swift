import Foundation

/// Writes the JSON report of SPEC §7: sorted keys, two-space indentation, one trailing newline.
///
/// The output is a pure function of the report: no field depends on the machine, the locale or
/// the order of a dictionary, so the same audit gives the same bytes.
public struct JSONReportWriter: ReportWriter {
  /// The `schema_version` this writer produces.
  public static let schemaVersion = JSONReportDocument.schemaVersion

  /// Creates the writer.
  public init() {}

  /// Writes `report` as one pretty-printed JSON document.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    output.write(String(decoding: try renderedBytes(report), as: UTF8.self))
  }

  /// The document's bytes, its sessions and findings encoded one batch at a time: the same bytes
  /// as the whole document encoded at once (`JSONReportWriterTests`), in a fraction of the memory.
  public func write(_ report: AuditReport, parts emit: ([UInt8]) throws -> Void) throws {
    let (sessions, findings) = (report.result.sessions, report.result.findings)
    try SortedJSON.write(
      JSONReportDocument(report: report, streamsArrays: true), format: "json",
      streaming: [
        .init(key: JSONReportDocument.Key.sessions.rawValue, count: sessions.count) {
          JSONReportDocument.SessionObject(sessions[$0])
        },
        .init(key: JSONReportDocument.Key.findings.rawValue, count: findings.count) {
          JSONReportDocument.FindingObject(findings[$0])
        },
      ], to: emit)
  }

  /// The whole document encoded at once by Foundation's encoder, as before streaming: what
  /// `write(_:parts:)` must give.
  func renderedWhole(_ report: AuditReport) throws -> String {
    String(decoding: try SortedJSON.foundationBytes(JSONReportDocument(report: report)), as: UTF8.self)
  }
}
