import AuditReports
import BackupAudit
import Foundation
import Testing

/// The fixture report with hostile text in every field a log or a user controls: the evidence
/// line, its path, the message, a server's and a session's name (renamed everywhere, so that
/// the report keeps the clean report's shape), the tool's version and a digest.
private func hostileHTMLReport() -> AuditReport {
  let server = "mas\u{1B}[2Jter\"<b>'&amp;"
  let session = "20210811T034943Z-\"><script>x</script>"
  var result = ReportFixtures.result()
  result.findings[0].evidence[0].text = hostileText
  result.findings[0].evidence[0].path = "logs/\"odd\" | name\n.log"
  result.findings[0].message = "frozen 812 s \u{1B}]0;title\u{7}, timeout 600 s &#60;"
  result.findings[0].server = server
  result.findings[0].session = session
  result.sessions[0].id = session
  for index in result.sessions.indices {
    for member in result.sessions[index].members.indices
    where result.sessions[index].members[member].server == "master" {
      result.sessions[index].members[member].server = server
    }
  }
  result.servers[0].name = server
  result.inputs[0].server = server
  var report = ReportFixtures.report(result)
  report.toolVersion = "0.1.0\" onload=\"alert(1)"
  report.result.inputs[0].sha256 = "ab\"/><script>alert(1)</script>"
  return report
}

@Test func hostileHTMLHasNoScriptAndNoRawControlCharacters() throws {
  let html = try HTMLReportWriter().rendered(hostileHTMLReport())
  #expect(!html.lowercased().contains("<script"))
  #expect(!html.contains("onload=\""))
  #expect(!html.unicodeScalars.contains { TerminalTextProbe.isUnsafe($0) && $0 != "\n" })
}

@Test func hostileHTMLKeepsTheCleanReportsShape() throws {
  let clean = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(ReportFixtures.report())))
  let hostile = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(hostileHTMLReport())))
  // Same elements with the same attributes in the same order: no value opened a tag or an
  // attribute of its own, and every attribute stayed quoted (XML requires it).
  #expect(hostile.all.count == clean.all.count)
  let (hostileShape, cleanShape) = (hostile.shape, clean.shape)
  let first = hostileShape.indices.first {
    $0 >= cleanShape.count || hostileShape[$0] != cleanShape[$0]
  }
  #expect(first == nil, "element \(first ?? 0): \(first.map { hostileShape[$0] } ?? "")")
}

@Test func hostileEvidenceReadsBackExactlyOnceItsEscapesAreUndone() throws {
  let report = hostileHTMLReport()
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let article = try #require(tree.elements("article").first { $0.attributes["id"] == "finding-1" })
  let evidence = article.elements("li")[0]
  // The parser resolves the entities; what is left are the visible escapes of controls.
  #expect(evidence.elements("pre")[0].text.contains("\\u{1B}[31mred\\u{1B}[0m \\u{D}\\u{A}second"))
  #expect(undoVisibleEscapes(evidence.elements("pre")[0].text) == hostileText)
  #expect(undoVisibleEscapes(evidence.elements("code")[0].text) == "logs/\"odd\" | name\n.log:120")
  let message = article.elements("p")[0].text
  #expect(undoVisibleEscapes(message) == report.result.findings[0].message)
  // Entity-like text stays text (Plot's own escaping would have passed `&#60;` through).
  #expect(message.hasSuffix("&#60;"))
  let server = article.elements("header")[0].elements("span")[1].text
  #expect(undoVisibleEscapes(server) == "mas\u{1B}[2Jter\"<b>'&amp;")
}

@Test func hostileNamesInAttributesAndTooltipsStayValues() throws {
  let report = hostileHTMLReport()
  let tree = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(report)))
  let id = report.result.sessions[0].id
  // The anchor keeps only safe characters, and links and target agree.
  let anchor = "session-20210811T034943Z-___script_x__script_"
  #expect(tree.elements("details").first?.attributes["id"] == anchor)
  #expect(tree.elements("a").filter { $0.attributes["href"] == "#" + anchor }.count >= 2)
  let tooltips = tree.elements("title").map(\.text).filter { $0.contains(id) }
  #expect(!tooltips.isEmpty)
  let lane = try #require(
    tree.elements("rect").first { $0.attributes["data-server"]?.hasPrefix("mas") == true })
  #expect(lane.attributes["data-server"] == "mas\\u{1B}[2Jter\"<b>'&amp;")
  #expect(tree.text.contains("ab\"/><script>alert(1)</script>"))
}

/// `text` with the writer's visible escapes (`\u{1B}`, `\t`) turned back into characters.
func undoVisibleEscapes(_ text: String) -> String {
  var result = ""
  var rest = Substring(text)
  while let slash = rest.firstIndex(of: "\\") {
    result += rest[..<slash]
    rest = rest[slash...]
    if rest.hasPrefix("\\t") {
      result += "\t"
      rest = rest.dropFirst(2)
    } else if rest.hasPrefix("\\u{"), let close = rest.firstIndex(of: "}"),
      let value = UInt32(rest[rest.index(slash, offsetBy: 3)..<close], radix: 16),
      let scalar = Unicode.Scalar(value)
    {
      result.unicodeScalars.append(scalar)
      rest = rest[rest.index(after: close)...]
    } else {
      result += "\\"
      rest = rest.dropFirst()
    }
  }
  return result + rest
}

@Test func hostileTextInTheCalendarAndTheMonthsStaysText() throws {
  let hostile = "\"><script>alert(1)</script>\u{1B}[2J<b>'&amp;"
  let cleanReport = LongPeriodFixture.report()
  let hostileReport = LongPeriodFixture.hostileReport(hostile)
  let html = try HTMLReportWriter().rendered(hostileReport)
  #expect(!html.lowercased().contains("<script"))
  #expect(!html.unicodeScalars.contains { TerminalTextProbe.isUnsafe($0) && $0 != "\n" })
  let clean = try #require(HTMLTree.parse(try HTMLReportWriter().rendered(cleanReport)))
  let tree = try #require(HTMLTree.parse(html))
  #expect(tree.shape == clean.shape)
  // The hostile ids reach the calendar's tooltips as text, and its links as safe anchors.
  let calendar = try #require(tree.elements("svg").first { $0.classes == ["calendar"] })
  let titles = calendar.elements("title").map { undoVisibleEscapes($0.text) }
  #expect(
    titles.contains {
      $0.contains(hostile + "-a inconsistent") || $0.contains(hostile + "-a degraded")
    })
  let anchors = calendar.elements("a").compactMap { $0.attributes["href"] }
  #expect(
    anchors.allSatisfy {
      $0.dropFirst().allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
    })
  let months = try #require(tree.elements("table").first { $0.classes == ["months"] })
  #expect(months.elements("a").contains { undoVisibleEscapes($0.text).hasSuffix(hostile) })
}
