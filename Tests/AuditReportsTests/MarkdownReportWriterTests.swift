import AuditReports
import BackupAudit
import Ink
import Testing

@Test func markdownReportMatchesItsSnapshot() throws {
  try expectSnapshot(
    try MarkdownReportWriter().rendered(ReportFixtures.report()), named: "report.md")
}

/// Ink reads the report as the tables and code blocks it is meant to be: a row per summary
/// item, setting, server, session, member, finding and input, and a block per evidence list.
@Test func markdownReportRendersAsTablesAndCodeBlocks() throws {
  let result = ReportFixtures.result()
  let markdown = try MarkdownReportWriter().rendered(ReportFixtures.report(result))
  let html = MarkdownParser().html(from: markdown)
  // Members are listed for the sessions that are not consistent, as the default detail says.
  let members = result.sessions.filter { $0.verdict != .consistent }
    .reduce(0) { $0 + $1.members.count }
  let severities = Set(result.findings.map(\.severity)).count
  let tables = 5 + severities + 1
  let dataRows =
    7 + 10 + result.servers.count + result.sessions.count + members + result.findings.count
    + result.inputs.count
  #expect(MarkupProbe.count("<table>", in: html) == tables)
  #expect(MarkupProbe.count("<tr>", in: html) == dataRows + tables)
  let evidenced = result.findings.filter { !$0.evidence.isEmpty }.count
  #expect(MarkupProbe.count("<pre>", in: html) == evidenced)
  #expect(html.hasPrefix("<h1>Backup audit: CRITICAL</h1>"))
  #expect(html.contains("<td>exit code</td><td>2 (fails on warning and above)</td>"))
  #expect(
    html.contains(
      "<td>last consistent session</td><td>20210812T035000Z-cluster-quiesce, started "
        + "2021-08-12T03:50:00.000Z</td>"))
}

@Test func markdownReportGroupsFindingsWorstFirstWithTheirEvidence() throws {
  let text = try MarkdownReportWriter().rendered(ReportFixtures.report())
  let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  let critical = try #require(lines.firstIndex(of: "### critical (1)"))
  let unknown = try #require(lines.firstIndex(of: "### unknown (1)"))
  let warning = try #require(lines.firstIndex(of: "### warning (1)"))
  let inputs = try #require(lines.firstIndex(of: "## Inputs (5)"))
  #expect(critical < unknown && unknown < warning && warning < inputs)
  let evidence = try #require(lines.firstIndex(of: "Evidence of F1:"))
  #expect(evidence > critical && evidence < unknown)
  #expect(lines[evidence + 2] == "```")
  #expect(lines[evidence + 3].hasPrefix("cluster/master/messages.log:120: 08/11/21-05:49:43:233"))
  #expect(lines.contains("Evidence of F3: none."))
}

@Test func markdownReportShowsEachInputsHashOrSaysItWasNotComputed() throws {
  let report = ReportFixtures.report()
  let lines = try MarkdownReportWriter().rendered(report).split(separator: "\n")
  let heading = try #require(lines.firstIndex(of: "## Inputs (5)"))
  let rows = lines[(heading + 3)...]
  #expect(rows.count == report.result.inputs.count)
  for (row, input) in zip(rows, report.result.inputs) {
    let hash = input.sha256 ?? "not computed"
    #expect(row.hasPrefix("| \(input.server) | cluster/"))
    #expect(row.contains(" | \(input.bytes) | \(hash) | "))
  }
  #expect(rows.contains { $0.contains("unreadable: permission denied") })
}

@Test func markdownReportOfACleanAuditSaysSo() throws {
  var result = ReportFixtures.result(findings: [])
  result.sessions = []
  result.inputs = []
  result.summary = AuditSummary(
    status: .ok, exitCode: 0, sessions: 0, findingsBySeverity: [:], lastConsistentSession: nil)
  let text = try MarkdownReportWriter().rendered(ReportFixtures.report(result))
  #expect(text.contains("## Sessions (0)\n\nNo backup session in the audited logs.\n"))
  #expect(text.contains("## Findings (0)\n\nNo findings.\n"))
  #expect(text.hasSuffix("## Inputs (0)\n\nnone\n"))
  #expect(text.contains("| last consistent session | none |"))
}

@Test func markdownEvidenceFenceIsLongerThanAnyBacktickRunInIt() throws {
  var result = ReportFixtures.result()
  result.findings[0].evidence[1].text = "a ```` b\n```````\nc"
  let lines = try MarkdownReportWriter().rendered(ReportFixtures.report(result))
    .split(separator: "\n").map(String.init)
  let start = try #require(lines.firstIndex(of: "Evidence of F1:")) + 1
  #expect(lines[start] == "````````")
  #expect(lines[start + 2].hasSuffix(#"a ```` b\u{A}```````\u{A}c"#))
  #expect(lines[start + 3] == "````````")
}

/// Reads rendered markup for the tests: counting tags and table cells.
enum MarkupProbe {
  /// How often `needle` occurs in `text`.
  static func count(_ needle: String, in text: String) -> Int {
    text.components(separatedBy: needle).count - 1
  }

  /// The name of every element an HTML fragment opens or closes, in order.
  static func tags(in html: String) -> [String] {
    var tags: [String] = []
    var rest = Substring(html)
    while let open = rest.firstIndex(of: "<") {
      rest = rest[rest.index(after: open)...]
      let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "/" || $0 == "!" }
      tags.append(String(name))
    }
    return tags
  }
}
