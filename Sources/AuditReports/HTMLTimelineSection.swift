import BackupAudit

/// The HTML report's timelines: the overview of the audited period with its legend (the
/// timeline strip up to `AuditPeriod.calendarThresholdDays` days, beyond them the calendar and
/// the table of months), then a timeline per session on a scale of its own.
///
/// Sessions that are not consistent or have findings are drawn and open. The others are left to
/// their row in the table of sessions, unless the report's detail is `all`: then they are drawn
/// too, and folded (one line each), so that a year of nightly backups reads as the few that
/// need attention either way.
struct HTMLTimelineSection {
  let report: AuditReport
  private var result: AuditResult { report.result }

  /// The heading, the overview, the legend and the sessions' timelines.
  func nodes() -> [HTMLNode] {
    var nodes = [HTMLMarkup.element("h2", [("id", "timeline")], [HTMLMarkup.text("Timeline")])]
    let period = AuditPeriod(result)
    let isLong = period?.isLong ?? false
    nodes.append(
      HTMLMarkup.element(
        "section", [("class", "card overview")],
        overview(period) + [HTMLTimelineLegend.render(calendar: isLong)]))
    if let period, isLong { nodes += HTMLMonthsSection(result: result, period: period).nodes() }
    guard !result.sessions.isEmpty else { return nodes }
    let spelled = report.spelledOutSessions
    let drawn = result.sessions.filter { spelled.contains($0.id) }
    nodes.append(
      HTMLMarkup.element("h3", [], [HTMLMarkup.text("Sessions, each on its own scale")]))
    if drawn.isEmpty {
      nodes.append(
        note(
          "None to draw: all \(HTMLFormat.counted(result.sessions.count, "session")) are "
            + "consistent, without findings, and in the table of sessions with their members; "
            + "the audit with --detail all draws every session."))
    } else if drawn.count < result.sessions.count {
      nodes.append(
        note(
          "\(drawn.count) of \(HTMLFormat.counted(result.sessions.count, "session")) drawn: "
            + "those with findings or not consistent. The others are consistent, and in the "
            + "table of sessions with their members; the audit with --detail all draws every "
            + "session."))
    }
    return nodes + drawn.map(details)
  }

  /// The calendar of a long period or the strip of a short one, with what it shows.
  private func overview(_ period: AuditPeriod?) -> [HTMLNode] {
    guard let period else {
      return [note("Nothing in the audit has a time: there is no timeline to draw.")]
    }
    if period.isLong {
      return [
        CalendarOverview(calendar: SessionCalendar(result, period: period)).render(),
        note(
          "One cell per UTC day of the \(period.dayCount) days audited, "
            + "a column per week from Monday, coloured and marked by the worst verdict of the "
            + "sessions that started that day; an empty box is a day without a session. Select "
            + "a day for its session; hover for the day's sessions and findings."),
      ]
    }
    guard let strip = TimelineOverview(result) else { return [] }
    return [
      strip.render(),
      note(
        "One mark per session, at its start; the lanes show the span each server's logs "
          + "cover, a tick per episode it took part in, and its findings. Select a mark "
          + "for the session's own timeline, drawn to scale."),
    ]
  }

  private func details(_ session: Session) -> HTMLNode {
    let findings = result.findings.enumerated().filter { $0.element.session == session.id }
      .map { (index: $0.offset, finding: $0.element) }
    let timeline = TimelineSessionDetail(
      session: session, findings: findings, configuration: result.configuration)
    let checkpoint = session.checkpoint.map { "checkpoint \($0)" } ?? "no checkpoint"
    let summary = HTMLMarkup.element(
      "summary", [],
      [
        HTMLBadge.verdict(session.verdict),
        HTMLMarkup.element("code", [], [HTMLMarkup.text(session.id)]),
        HTMLMarkup.element(
          "span", [("class", "muted")],
          [
            HTMLMarkup.text(
              "\(session.kind.rawValue) · \(checkpoint) · "
                + "\(TimelineScale.label(session.start, step: 1))Z, "
                + "\(HTMLFormat.duration(milliseconds: session.end - session.start)) · "
                + HTMLFormat.counted(findings.count, "finding"))
          ]),
      ])
    var body = [summary, timeline.render()]
    body += timeline.notes.map(note)
    body += session.restoreTests.map { note(HTMLSessionsSection.restoreDescription($0) + ".") }
    if !findings.isEmpty {
      body.append(
        HTMLMarkup.element(
          "p", [("class", "note")],
          [HTMLMarkup.text("Findings: ")]
            + findings.map { index, finding in
              HTMLMarkup.element(
                "a", [("href", "#" + HTMLFormat.findingAnchor(index))],
                [
                  HTMLMarkup.text(
                    "\(SVGSymbol(finding.severity).character) \(finding.rule.rawValue) "
                      + "(\(finding.server ?? "cluster"))")
                ])
            }))
    }
    return HTMLMarkup.element(
      "details",
      [
        ("class", "session \(session.verdict.rawValue)"),
        ("id", HTMLFormat.sessionAnchor(session.id)),
        ("open", session.verdict == .consistent && findings.isEmpty ? nil : "open"),
      ], body)
  }

  private func note(_ text: String) -> HTMLNode {
    HTMLMarkup.element("p", [("class", "note")], [HTMLMarkup.text(text)])
  }
}
