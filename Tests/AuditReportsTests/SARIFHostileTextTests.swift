import AuditReports
import Testing

/// SARIF is JSON: hostile text stays exact in messages and snippets (JSON escapes it), and paths
/// become URI references with nothing a URI cannot hold.
@Test func sarifKeepsHostileTextExactAndPathsAsValidURIs() throws {
  let report = hostileMarkupReport()
  let text = try SARIFReportWriter().rendered(report)
  #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  let run = try #require(try JSONValue.parse(text)["runs"]?[0])
  let results = try #require(run["results"]?.arrayValue)
  #expect(results.count == report.result.findings.count)
  let finding = report.result.findings[0]
  #expect(results[0]["message"]?["text"] == .string(finding.message))
  #expect(results[0]["properties"]?["server"] == .string(finding.server ?? ""))
  let location = try #require(results[0]["locations"]?[0]?["physicalLocation"])
  #expect(location["region"]?["snippet"]?["text"] == .string(markupHostileText))
  let uri = location["artifactLocation"]?["uri"]?.stringValue
  #expect(uri?.removingPercentEncoding == finding.evidence[0].path)
  let uris =
    results.flatMap { result in
      (result["locations"]?.arrayValue ?? []) + (result["relatedLocations"]?.arrayValue ?? [])
    }.compactMap { $0["physicalLocation"]?["artifactLocation"]?["uri"]?.stringValue }
    + (run["artifacts"]?.arrayValue ?? []).compactMap { $0["location"]?["uri"]?.stringValue }
  #expect(uris.count == 3 + report.result.inputs.count)
  let allowed = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/%:")
  for uri in uris {
    #expect(uri.allSatisfy(allowed.contains), "not a URI reference: \(uri)")
    #expect(uri.removingPercentEncoding?.hasPrefix("cluster/") == true)
  }
}
