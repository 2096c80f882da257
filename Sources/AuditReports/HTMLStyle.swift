/// The HTML report's one style sheet, inline so that the report is a single file that opens
/// anywhere, offline, with no request to any server.
///
/// Colours name what they mean (`--critical`, `--freeze`); every colour beside a severity or
/// verdict also comes with its symbol and word, so nothing is said by colour alone. Printing
/// keeps the colours and drops the page's shadows, the navigation and the side-scrolling
/// boxes: drawings shrink to the page's width rather than being cut, each section starts a
/// page, and no session, finding, table row or drawing is split across two pages. The header
/// of every printed page (the report's status and period) is `printHeader(status:period:)`.
enum HTMLStyle {
  /// The style sheet. It holds no `<`, `&` or `"`, so it is the same text to HTML and to XML,
  /// and survives an XML tool's rewriting of the document.
  static let css = """
    :root {
      --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --paper: #ffffff; --wash: #f4f6f9;
      --critical: #c62828; --warning: #b86e00; --unknown: #6a3fb5; --ok: #2e7d32; --progress: #1565c0;
      --freeze: #2f6fd0; --quiesce: #1a9c8c; --checkpoint: #7a8699; --coverage: #b9c1ce;
    }
    * { box-sizing: border-box; }
    body {
      margin: 0; background: var(--wash); color: var(--ink);
      font: 14px/1.45 system-ui, -apple-system, Segoe UI, Roboto, sans-serif;
    }
    main { max-width: 1180px; margin: 0 auto; padding: 24px 24px 48px; }
    h1 { font-size: 22px; margin: 0 0 4px; }
    h2 { font-size: 18px; margin: 32px 0 10px; padding-bottom: 4px;
      border-bottom: 2px solid var(--line); }
    h3 { font-size: 15px; margin: 20px 0 8px; }
    a { color: var(--freeze); }
    code, pre { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
    pre { margin: 4px 0 0; padding: 6px 8px; background: #f6f8fa; border: 1px solid var(--line);
      border-radius: 4px; white-space: pre-wrap; overflow-wrap: anywhere; }
    .card { background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
      padding: 14px 16px; margin: 12px 0; box-shadow: 0 1px 2px rgba(0, 0, 0, 0.04); }
    .subtitle, .note, .muted { color: var(--muted); }
    .note { font-size: 13px; margin: 6px 0; }
    .banner { display: flex; gap: 18px; align-items: center; flex-wrap: wrap;
      border-left: 8px solid var(--status); }
    .banner .status { font-size: 22px; font-weight: 700; color: var(--status); }
    .ok { --status: var(--ok); } .critical, .inconsistent { --status: var(--critical); }
    .warning, .degraded { --status: var(--warning); } .unknown { --status: var(--unknown); }
    .consistent { --status: var(--ok); } .in-progress { --status: var(--progress); }
    .badge { display: inline-block; padding: 0 7px; border-radius: 10px; font-weight: 600;
      font-size: 12.5px; color: #fff; background: var(--status); white-space: nowrap; }
    .columns { display: grid; grid-template-columns: repeat(auto-fit, minmax(360px, 1fr));
      gap: 0 16px; }
    dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 4px 18px; margin: 0; }
    dl.facts dt { color: var(--muted); }
    dl.facts dd { margin: 0; }
    table { border-collapse: collapse; width: 100%; background: var(--paper); }
    th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line);
      vertical-align: top; }
    th { background: var(--wash); font-weight: 600; font-size: 13px; }
    td.time, th.time { white-space: nowrap; }
    td.members { min-width: 12em; }
    td.number .note { white-space: nowrap; }
    td.path { min-width: 16em; }
    .scroll { overflow-x: auto; }
    td code.path { word-break: break-all; }
    table.sessions code { white-space: nowrap; }
    nav { font-size: 13px; margin: 6px 0 0; }
    nav a { margin-right: 14px; }
    td.number, th.number { text-align: right; font-variant-numeric: tabular-nums; }
    tr.verdict td:first-child { border-left: 4px solid var(--status); }
    .hash { font-size: 11.5px; overflow-wrap: anywhere; }
    .failure { color: var(--critical); font-weight: 600; }
    .finding { border-left: 5px solid var(--status); }
    .finding header { display: flex; gap: 10px; align-items: baseline; flex-wrap: wrap; }
    .finding .message { margin: 6px 0; font-weight: 600; }
    .evidence { list-style: none; margin: 6px 0 0; padding: 0; }
    .evidence li { margin: 6px 0; }
    details.session { background: var(--paper); border: 1px solid var(--line);
      border-left: 5px solid var(--status); border-radius: 6px; margin: 8px 0;
      padding: 6px 12px; }
    details.session summary { cursor: pointer; display: flex; gap: 10px; flex-wrap: wrap;
      align-items: baseline; }
    details.session summary::before { content: '\\25B8'; color: var(--muted); }
    details.session[open] summary::before { content: '\\25BE'; }
    details.session summary::-webkit-details-marker { display: none; }
    svg.timeline { display: block; max-width: 100%; height: auto; margin: 8px 0 4px; }
    svg .lane { fill: #f7f8fb; }
    svg .lane-label { font-size: 12px; fill: var(--ink); }
    svg .lane-note { font-size: 10px; fill: var(--muted); }
    svg .tick { font-size: 11px; fill: var(--muted); }
    svg .grid { stroke: #e3e6ec; stroke-width: 1; }
    svg .grid.major { stroke: #c9ced8; }
    svg .coverage { fill: var(--coverage); }
    svg .episode { fill: var(--freeze); }
    svg .episode.cluster-quiesce { fill: var(--quiesce); }
    svg .episode.journal-checkpoint { fill: var(--checkpoint); }
    svg .freeze { fill: var(--freeze); }
    svg .freeze.unconfirmed { fill: #8fb0e6; stroke: var(--freeze); stroke-dasharray: 4 2; }
    svg .freeze.failed { fill: var(--critical); }
    svg .quiesce { fill: var(--quiesce); }
    svg .phase { fill: #ffffff; fill-opacity: 0.45; }
    svg .limit { stroke: var(--critical); stroke-width: 2; stroke-dasharray: 5 3; }
    svg .near-limit { stroke: var(--warning); stroke-width: 1.5; stroke-dasharray: 2 3; }
    svg .mark .shape { stroke: #fff; stroke-width: 1.5; }
    svg .mark .glyph { fill: none; stroke: #fff; stroke-width: 2; stroke-linecap: round; }
    svg .mark.critical .shape, svg .mark.inconsistent .shape { fill: var(--critical); }
    svg .mark.warning .shape, svg .mark.degraded .shape { fill: var(--warning); }
    svg .mark.unknown .shape { fill: var(--unknown); }
    svg .mark.consistent .shape { fill: var(--ok); }
    svg .mark.in-progress .shape { fill: var(--progress); }
    svg .restore .shape { fill: var(--ok); stroke: #fff; stroke-width: 1.5; }
    svg a:hover .shape { stroke: var(--ink); }
    .legend { display: flex; flex-wrap: wrap; gap: 6px 18px; font-size: 12.5px;
      color: var(--muted); margin: 4px 0; }
    .legend svg { vertical-align: middle; margin-right: 4px; }
    footer { margin-top: 32px; color: var(--muted); font-size: 12.5px; }
    svg.calendar { display: block; max-width: 100%; height: auto; margin: 4px 0; }
    svg .day.consistent { fill: var(--ok); }
    svg .day.gap { fill: #ffffff; stroke: #aab2c0; stroke-width: 1; }
    svg .year { font-size: 14px; font-weight: 700; fill: var(--ink); }
    svg a:hover .day { stroke: var(--ink); stroke-width: 1.5; }
    @media print {
      @page { margin: 16mm 12mm 14mm; }
      body { background: #fff; font-size: 11px; }
      main { max-width: none; padding: 0; }
      nav { display: none; }
      h2 { break-before: page; break-after: avoid; }
      h2#summary { break-before: auto; }
      h3, summary, header { break-after: avoid; }
      .card, details.session { box-shadow: none; }
      .card, details.session, article.finding, tr, svg, li { break-inside: avoid; }
      .scroll { overflow: visible; }
      table { font-size: 10px; }
      thead { display: table-header-group; }
      th, td { padding: 2px 5px; }
      svg.timeline, svg.calendar { width: 100%; max-width: 100%; height: auto; }
      pre { white-space: pre-wrap; }
      details.session summary::before { content: none; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """

  /// The printed pages' header: the report's status and audited period top left, the page
  /// number top right. Made of the status's name and RFC 3339 dates only (no log text, no
  /// quote or backslash), so it is safe inside a CSS string.
  static func printHeader(status: String, period: String) -> String {
    let header = "Backup audit: \(status) · \(period)".filter {
      $0.isLetter || $0.isNumber || " -:.·,TZ".contains($0)
    }
    return """
      @media print {
        @page {
          @top-left { content: '\(header)'; font: 9px sans-serif; color: #5b6475; }
          @top-right { content: 'page ' counter(page) ' of ' counter(pages); font: 9px sans-serif;
            color: #5b6475; }
        }
      }
      """
  }
}
