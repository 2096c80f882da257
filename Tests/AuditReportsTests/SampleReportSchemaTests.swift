import Foundation
import Testing

/// The JSON report of every sample cluster, as committed in `reports/` (a test of the end-to-end
/// suite keeps it current), validates against the committed schema.
struct SampleReportSchemaTests {
  static let samples = ["clean-week", "faulty-month", "mixed-layouts", "hand-made"]

  @Test(arguments: samples)
  func sampleReportValidates(sample: String) throws {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("reports/\(sample)/report.json").path
    let data = try #require(FileManager.default.contents(atPath: path), "no \(path)")
    #expect(try JSONSchemaTestsSupport.isValid(String(decoding: data, as: UTF8.self)))
  }
}
