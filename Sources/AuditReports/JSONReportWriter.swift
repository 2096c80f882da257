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
    let encoder = JSONEncoder()
    // Slashes are left alone: paths stay readable, and `/` needs no escape in JSON; formats
    // that embed JSON in markup escape it themselves.
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data: Data
    do {
      data = try encoder.encode(JSONReportDocument(report: report))
    } catch {
      throw ReportError.unencodable(format: "json", reason: "\(error)")
    }
    output.write(String(decoding: data, as: UTF8.self))
    output.write("\n")
  }
}
