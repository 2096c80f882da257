import BackupAudit

/// The HTML report's opening: the status banner, the audit's facts at a glance, and the
/// configuration it ran with.
struct HTMLSummarySection {
  let report: AuditReport

  /// The banner and the two cards of facts.
  func nodes() -> [HTMLNode] {
    let summary = report.result.summary
    let (className, symbol) = HTMLBadge.style(ofStatus: summary.status)
    let banner = HTMLMarkup.element(
      "section", [("class", "card banner \(className)"), ("aria-label", "status")],
      [
        HTMLMarkup.element(
          "span", [("class", "status")],
          [HTMLMarkup.text("\(symbol.character) \(summary.status.rawValue.uppercased())")]),
        HTMLMarkup.element("span", [], [HTMLMarkup.text("exit code \(summary.exitCode)")]),
        HTMLMarkup.element("span", [("class", "muted")], [HTMLMarkup.text(headline())]),
      ])
    return [
      banner,
      HTMLMarkup.element("h2", [("id", "summary")], [HTMLMarkup.text("Summary")]),
      HTMLMarkup.element(
        "div", [("class", "columns")],
        [card("Audit", facts: auditFacts()), card("Configuration", facts: configurationFacts())]),
    ]
  }

  /// One sentence: how many sessions, how many are not consistent.
  private func headline() -> String {
    let sessions = report.result.sessions
    let failed = sessions.filter { $0.verdict != .consistent }.count
    return "\(HTMLFormat.counted(sessions.count, "session")), \(failed) not consistent, "
      + "\(HTMLFormat.counted(report.result.findings.count, "finding"))"
  }

  private func auditFacts() -> [(String, [HTMLNode])] {
    let result = report.result
    let summary = result.summary
    let verdicts = Verdict.allCases.compactMap { verdict -> HTMLNode? in
      let count = result.sessions.filter { $0.verdict == verdict }.count
      return count == 0 ? nil : HTMLBadge.verdict(verdict, count: count)
    }
    let severities = Severity.allCases.sorted(by: >).map { severity in
      HTMLBadge.severity(severity, count: summary.findingsBySeverity[severity.rawValue] ?? 0)
    }
    let last: HTMLNode =
      summary.lastConsistentSession.map { id in
        HTMLMarkup.element(
          "a", [("href", "#" + HTMLFormat.sessionAnchor(id))],
          [HTMLMarkup.element("code", [], [HTMLMarkup.text(id)])])
      } ?? HTMLMarkup.text("none")
    let period =
      result.auditedPeriod.map { "\(timestamp($0.from)) to \(timestamp($0.to))" }
      ?? "no dated evidence"
    let servers = result.servers.map { $0.isRestored ? "\($0.name) (restored)" : $0.name }
    return [
      ("Status", [HTMLBadge.status(summary.status)]),
      ("Exit code", [HTMLMarkup.text("\(summary.exitCode) (fails on \(report.failOn.rawValue))")]),
      ("Sessions", [HTMLMarkup.text("\(summary.sessions) ")] + spaced(verdicts)),
      ("Findings", spaced(severities)),
      ("Last consistent session", [last]),
      ("Audited period", [HTMLMarkup.text(period)]),
      ("Servers", [HTMLMarkup.text(servers.isEmpty ? "none" : servers.joined(separator: ", "))]),
      ("Tool", [HTMLMarkup.text("\(report.toolName) \(report.toolVersion)")]),
      ("Generated", [HTMLMarkup.text(timestamp(report.generatedAt))]),
    ]
  }

  private func configurationFacts() -> [(String, [HTMLNode])] {
    let configuration = report.result.configuration
    let timeout = configuration.freezeTimeoutMilliseconds
    let near = Int64((Double(timeout) * configuration.nearTimeoutFraction).rounded())
    let percent = Int((configuration.nearTimeoutFraction * 100).rounded())
    let restored = ServerNameOrder.sorted(configuration.restoredServers.keys).map { name in
      configuration.restoredServers[name].flatMap { $0 }.map { "\(name) (copy of \($0))" } ?? name
    }
    let facts: [(String, String)] = [
      ("Freeze timeout", HTMLFormat.duration(milliseconds: timeout)),
      ("Near the timeout from", "\(percent) % of it, \(HTMLFormat.duration(milliseconds: near))"),
      ("Longest quiesce", HTMLFormat.duration(milliseconds: configuration.maxQuiesceMilliseconds)),
      (
        "Clock skew tolerance",
        HTMLFormat.duration(milliseconds: configuration.skewToleranceMilliseconds)
      ),
      (
        "Recovery point objective",
        configuration.rpoMilliseconds.map { HTMLFormat.duration(milliseconds: $0) } ?? "not set"
      ),
      ("Since", HTMLFormat.time(configuration.since, fallback: "not set")),
      ("Until", HTMLFormat.time(configuration.until, fallback: "not set")),
      (
        "Members",
        configuration.members.isEmpty
          ? "every server read" : configuration.members.joined(separator: ", ")
      ),
      ("Restored servers", restored.isEmpty ? "none" : restored.joined(separator: ", ")),
      ("Fails on", report.failOn.rawValue),
    ]
    return facts.map { ($0.0, [HTMLMarkup.text($0.1)]) }
  }

  private func card(_ title: String, facts: [(String, [HTMLNode])]) -> HTMLNode {
    HTMLMarkup.element(
      "section", [("class", "card")],
      [
        HTMLMarkup.element("h3", [], [HTMLMarkup.text(title)]),
        HTMLMarkup.element(
          "dl", [("class", "facts")],
          facts.flatMap { term, description in
            [
              HTMLMarkup.element("dt", [], [HTMLMarkup.text(term)]),
              HTMLMarkup.element("dd", [], description),
            ]
          }),
      ])
  }

  /// `nodes` with a space between each two.
  private func spaced(_ nodes: [HTMLNode]) -> [HTMLNode] {
    nodes.enumerated().flatMap { index, node in index == 0 ? [node] : [HTMLMarkup.text(" "), node] }
  }
}
