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
    try SortedJSON.write(JSONReportDocument(report: report), format: "json", to: &output)
  }
}
