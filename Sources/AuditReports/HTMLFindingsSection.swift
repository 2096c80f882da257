import BackupAudit

/// The HTML report's findings, grouped by severity (worst first), each with the log lines it
/// rests on: the path and line number, then the line itself as preformatted text.
struct HTMLFindingsSection {
  let result: AuditResult

  /// The heading, then a group per severity that has findings.
  func nodes() -> [HTMLNode] {
    let findings = Array(result.findings.enumerated())
    var nodes = [
      HTMLMarkup.element(
        "h2", [("id", "findings")], [HTMLMarkup.text("Findings (\(findings.count))")])
    ]
    guard !findings.isEmpty else {
      return nodes + [
        HTMLMarkup.element(
          "p", [("class", "note")],
          [HTMLMarkup.text("No findings: every session is consistent.")])
      ]
    }
    for severity in Severity.allCases.sorted(by: >) {
      let group = findings.filter { $0.element.severity == severity }
      guard !group.isEmpty else { continue }
      nodes.append(
        HTMLMarkup.element("h3", [], [HTMLBadge.severity(severity, count: group.count)]))
      nodes += group.map { article($0.element, index: $0.offset) }
    }
    return nodes
  }

  private func article(_ finding: Finding, index: Int) -> HTMLNode {
    let session: HTMLNode =
      finding.session.map { id in
        HTMLMarkup.element(
          "a", [("href", "#" + HTMLFormat.sessionAnchor(id))],
          [HTMLMarkup.element("code", [], [HTMLMarkup.text(id)])])
      } ?? HTMLMarkup.element("span", [("class", "muted")], [HTMLMarkup.text("no session")])
    let header = HTMLMarkup.element(
      "header", [],
      [
        HTMLBadge.severity(finding.severity),
        HTMLMarkup.element("code", [], [HTMLMarkup.text(finding.rule.rawValue)]),
        HTMLMarkup.element("span", [], [HTMLMarkup.text(finding.server ?? "cluster")]),
        session,
        HTMLMarkup.element(
          "span", [("class", "muted")],
          [
            HTMLMarkup.text(timestamp(finding.epochMilliseconds))
          ]),
      ])
    return HTMLMarkup.element(
      "article",
      [
        ("class", "card finding \(finding.severity.rawValue)"),
        ("id", HTMLFormat.findingAnchor(index)),
      ],
      [
        header,
        HTMLMarkup.element("p", [("class", "message")], [HTMLMarkup.text(finding.message)]),
        evidence(finding.evidence),
      ])
  }

  /// The lines a finding rests on, or a note that it rests on none.
  private func evidence(_ lines: [Evidence]) -> HTMLNode {
    guard !lines.isEmpty else {
      return HTMLMarkup.element(
        "p", [("class", "note")],
        [HTMLMarkup.text("No log line: the finding rests on what is missing.")])
    }
    return HTMLMarkup.element(
      "ul", [("class", "evidence")],
      lines.map { line in
        HTMLMarkup.element(
          "li", [],
          [
            HTMLMarkup.element("code", [], [HTMLMarkup.text("\(line.path):\(line.line)")]),
            HTMLMarkup.element("pre", [], [HTMLMarkup.logText(line.text)]),
          ])
      })
  }
}
