import Foundation

/// The JSON every JSON-based report writes: sorted keys, two-space indentation, slashes left
/// alone (paths stay readable; `/` needs no escape in JSON), and one trailing newline.
enum SortedJSON {
  /// Writes `value` to `output`; an encoding failure becomes a `ReportError` of `format`.
  static func write(
    _ value: some Encodable, format: String, to output: inout some TextOutputStream
  ) throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    let data: Data
    do {
      data = try encoder.encode(value)
    } catch {
      throw ReportError.unencodable(format: format, reason: "\(error)")
    }
    output.write(String(decoding: data, as: UTF8.self))
    output.write("\n")
  }
}
