import BackupAudit

/// The HTML report's timelines: the overview of the audited period with its legend, then a
/// timeline per session on a scale of its own.
///
/// Sessions that are not consistent are open; consistent ones are folded (one line each), so
/// that a month of nightly backups reads as the few that need attention.
struct HTMLTimelineSection {
  let result: AuditResult

  /// The heading, the overview, the legend and the sessions' timelines.
  func nodes() -> [HTMLNode] {
    var nodes = [HTMLMarkup.element("h2", [("id", "timeline")], [HTMLMarkup.text("Timeline")])]
    let overview: [HTMLNode] =
      TimelineOverview(result).map { overview in
        [
          overview.render(),
          note(
            "One mark per session, at its start; the lanes show the span each server's logs "
              + "cover, a tick per episode it took part in, and its findings. Select a mark "
              + "for the session's own timeline, drawn to scale."),
        ]
      } ?? [note("Nothing in the audit has a time: there is no timeline to draw.")]
    nodes.append(
      HTMLMarkup.element("section", [("class", "card")], overview + [HTMLTimelineLegend.render()]))
    guard !result.sessions.isEmpty else { return nodes }
    nodes.append(
      HTMLMarkup.element("h3", [], [HTMLMarkup.text("Sessions, each on its own scale")]))
    return nodes + result.sessions.map(details)
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
        ("open", session.verdict == .consistent ? nil : "open"),
      ], body)
  }

  private func note(_ text: String) -> HTMLNode {
    HTMLMarkup.element("p", [("class", "note")], [HTMLMarkup.text(text)])
  }
}
