import AuditReports
import Ink
import Testing

/// A hostile report renders to exactly the elements of the clean one: no row, cell, heading,
/// tag, link, image or emphasis comes from log text, in Ink and in the Markdown's own shape.
@Test func markdownHostileTextAddsNoMarkup() throws {
  let clean = try MarkdownReportWriter().rendered(ReportFixtures.report())
  let hostile = try MarkdownReportWriter().rendered(hostileMarkupReport())
  let parser = MarkdownParser()
  let cleanHTML = parser.html(from: clean)
  let hostileHTML = parser.html(from: hostile)
  #expect(MarkupProbe.tags(in: hostileHTML) == MarkupProbe.tags(in: cleanHTML))
  #expect(MarkdownShape(hostile) == MarkdownShape(clean))
  for forbidden in ["<script", "<b>", "<a ", "<img", "<em>", "<strong>", "<del>", "<!--"] {
    #expect(!hostileHTML.contains(forbidden))
  }
}

@Test func markdownShowsHostileTextAsVisibleEscapes() throws {
  let text = try MarkdownReportWriter().rendered(hostileMarkupReport())
  #expect(!text.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
  #expect(!text.unicodeScalars.contains { $0.value == 0xFFFE || $0.value == 0xFFFF })
  #expect(!text.unicodeScalars.contains { (0x202A...0x202E).contains($0.value) })
  // In a table cell: references for the syntax, visible escapes for the controls.
  #expect(text.contains("&#92;u{1B}&#91;31mred"))
  #expect(text.contains("&#124;\u{301}cell &#38;\u{301}lt; &#60;\u{338}b&#62;"))
  #expect(text.contains("https&#58;//evil.example www&#46;evil.example a&#64;b.example"))
  // In an evidence block the line is kept as it reads, one line, inside a longer fence.
  let lines = text.split(separator: "\n").map(String.init)
  let start = try #require(lines.firstIndex(of: "Evidence of F1:")) + 1
  #expect(lines[start] == "``````")
  #expect(lines[start + 1].contains(#"\u{1B}[31mred\u{1B}[0m \u{D}\u{A}second line\ttab"#))
  #expect(lines[start + 1].contains("</script><script>alert(1)</script>"))
  #expect(lines[start + 3] == "``````")
}

/// What a Markdown parser keys structure on, read without one: the headings, the cell count of
/// each table row, and the code blocks' fences and line counts.
struct MarkdownShape: Equatable {
  var headings: [String] = []
  var rowCells: [Int] = []
  var codeBlocks: [Int] = []

  init(_ markdown: String) {
    var fence: String?
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
      if let open = fence {
        if line == open { fence = nil } else { codeBlocks[codeBlocks.count - 1] += 1 }
      } else if line.hasPrefix("```") {
        fence = String(line)
        codeBlocks.append(0)
      } else if line.hasPrefix("#") {
        headings.append(String(line))
      } else if line.hasPrefix("|") {
        rowCells.append(line.unicodeScalars.filter { $0 == "|" }.count - 1)
      }
    }
  }
}

/// The calendar, the months and the sessions' members of a long period add no markup either.
@Test func markdownHostileTextInALongPeriodAddsNoMarkup() throws {
  let clean = try MarkdownReportWriter().rendered(LongPeriodFixture.report())
  let hostile = try MarkdownReportWriter().rendered(
    LongPeriodFixture.hostileReport(markupHostileText))
  let parser = MarkdownParser()
  #expect(
    MarkupProbe.tags(in: parser.html(from: hostile))
      == MarkupProbe.tags(in: parser.html(from: clean)))
  #expect(MarkdownShape(hostile) == MarkdownShape(clean))
  #expect(!hostile.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
}
