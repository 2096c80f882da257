/// Writes the HTML report of SPEC §7: one self-contained HTML5 file with the Markdown report's
/// content (summary, sessions, findings with their evidence, inputs with their hashes) and SVG
/// timelines of the audited period and of each session.
///
/// The file needs nothing else: the style sheet and drawings are inline, there is no script
/// and no external resource, so it can be attached to a ticket or archived with the backups
/// it audits. Log text is escaped and its control characters shown as escapes (`\u{1B}`), so
/// a log line cannot inject markup. The output is a pure function of the report (the only time
/// it shows is `generatedAt`), and it parses as XML as well as HTML.
public struct HTMLReportWriter: ReportWriter {
  /// Creates the writer.
  public init() {}

  /// Writes `report` as one HTML document.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    let result = report.result
    let sessions = HTMLFormat.counted(result.sessions.count, "session")
    let title = "Backup audit: \(result.summary.status.rawValue), \(sessions)"
    let head = HTMLMarkup.element(
      "head", [],
      [
        HTMLMarkup.leaf("meta", [("charset", "utf-8")]),
        HTMLMarkup.leaf(
          "meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]),
        HTMLMarkup.leaf("meta", [("name", "generator"), ("content", report.toolName)]),
        HTMLMarkup.element("title", [], [HTMLMarkup.text(title)]),
        HTMLMarkup.style(
          HTMLStyle.css + "\n"
            + HTMLStyle.printHeader(
              status: result.summary.status.rawValue.uppercased(),
              period: result.auditedPeriod.map {
                "\(AuditPeriod.date($0.from)) to \(AuditPeriod.date($0.to))"
              } ?? "no dated evidence")),
      ])
    var main = [
      HTMLMarkup.element("h1", [], [HTMLMarkup.text("Backup audit report")]),
      HTMLMarkup.element(
        "p", [("class", "subtitle")],
        [
          HTMLMarkup.text(
            "\(report.toolName) \(report.toolVersion) · generated \(timestamp(report.generatedAt))"
              + " · all times UTC")
        ]),
      HTMLMarkup.element(
        "nav", [],
        [
          ("summary", "Summary"), ("timeline", "Timeline"), ("sessions", "Sessions"),
          ("findings", "Findings"), ("inputs", "Inputs"),
        ].map { anchor, name in
          HTMLMarkup.element("a", [("href", "#" + anchor)], [HTMLMarkup.text(name)])
        }),
    ]
    main += HTMLSummarySection(report: report).nodes()
    main += HTMLTimelineSection(report: report).nodes()
    main += HTMLSessionsSection(report: report).nodes()
    main += HTMLFindingsSection(result: result).nodes()
    main += HTMLInputsSection(report: report).nodes()
    main.append(
      HTMLMarkup.element(
        "footer", [],
        [
          HTMLMarkup.text(
            "Written by \(report.toolName) \(report.toolVersion) at "
              + "\(timestamp(report.generatedAt)). The JSON report holds every field and "
              + "every log line whole.")
        ]))
    let root = HTMLMarkup.element(
      "html", [("xmlns", "http://www.w3.org/1999/xhtml"), ("lang", "en")],
      [head, HTMLMarkup.element("body", [], [HTMLMarkup.element("main", [], main)])])
    output.write(HTMLMarkup.document(root))
  }
}
