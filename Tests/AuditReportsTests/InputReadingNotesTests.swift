import AuditReports
import BackupAudit
import BackupEvents
import Foundation
import Testing

/// What the reports that list inputs say of a file the evidence ledger read in part, or read
/// again from its start (`InputReading+Notes`): JSON `inputs[].reading` (schema 1.3), the
/// Markdown and HTML notes, and a hash of a part said to be of that part.
struct InputReadingNotesTests {
  static let part = String(repeating: "cd", count: 32)

  /// The fixtures' report with the master's log read on from byte 40,000 and shard1's read
  /// again after a truncation.
  static func report() -> AuditReport {
    var result = ReportFixtures.result()
    result.inputs[0].sha256 = nil
    result.inputs[0].reading = InputReading(
      from: 40_000, to: 48_213, sha256: part, recordedTo: 48_100, restart: nil)
    result.inputs[2].reading = InputReading(
      from: 0, to: 51_002, sha256: result.inputs[2].sha256, recordedTo: 50_990,
      restart: InputRestart(reason: .truncated, recordedBytes: 60_000))
    return ReportFixtures.report(result)
  }

  @Test func theJSONReportCarriesTheReadingAndValidates() throws {
    let text = try JSONReportWriter().rendered(Self.report())
    #expect(try JSONSchemaTestsSupport.isValid(text))
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    let inputs = try #require(document["inputs"] as? [[String: Any]])
    let resumed = try #require(inputs[0]["reading"] as? [String: Any])
    #expect(resumed["from"] as? Int == 40_000 && resumed["to"] as? Int == 48_213)
    #expect(resumed["sha256"] as? String == Self.part)
    #expect(resumed["recorded_to"] as? Int == 48_100)
    #expect(resumed["restart"] is NSNull)
    #expect(inputs[0]["sha256"] is NSNull)
    let restart = try #require((inputs[2]["reading"] as? [String: Any])?["restart"] as? [String: Any])
    #expect(restart["reason"] as? String == "truncated")
    #expect(restart["recorded_bytes"] as? Int == 60_000)
    // A file read whole has no reading: the report of a plain audit is unchanged.
    #expect(inputs[1]["reading"] == nil)
  }

  @Test func aReadingWithAnUnknownRestartDoesNotValidate() throws {
    let text = try JSONReportWriter().rendered(Self.report())
      .replacingOccurrences(of: "\"truncated\"", with: "\"shortened\"")
    #expect(!(try JSONSchemaTestsSupport.isValid(text)))
  }

  @Test(arguments: ["markdown", "html"])
  func theInputsTableSaysWhatWasReadAndWhy(format: String) throws {
    let writer: any ReportWriter =
      format == "html" ? HTMLReportWriter() : MarkdownReportWriter()
    let text = try writer.rendered(Self.report())
    #expect(text.contains("read on from byte 40,000 to 48,213: the ledger holds the bytes before"))
    #expect(text.contains(Self.part), "the part's hash is shown")
    #expect(text.contains("bytes 40,000–48,213"), "and said to be the part's")
    #expect(
      text.contains(
        "truncated: shorter than the 60,000 bytes the ledger had read of it; read again from the start"))
  }
}
