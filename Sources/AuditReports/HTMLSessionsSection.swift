import BackupAudit

/// The HTML report's table of sessions: one row per session in order of start, with its
/// verdict, its findings by severity and its restore tests; each links to its timeline.
///
/// A session's id is its kind and UTC start, so the table has no start column of its own:
/// the timeline gives the start to the millisecond. A session the report does not draw (a
/// consistent one, unless the detail is `all`) is linked to its row instead, so every link to a
/// session leads somewhere.
struct HTMLSessionsSection {
  let report: AuditReport
  private var result: AuditResult { report.result }

  /// The heading and the table, or a note when the audit found no session.
  func nodes() -> [HTMLNode] {
    let heading = HTMLMarkup.element(
      "h2", [("id", "sessions")], [HTMLMarkup.text("Sessions (\(result.sessions.count))")])
    guard !result.sessions.isEmpty else {
      return [heading, note("No backup session was found in the logs.")]
    }
    let spelled = report.spelledOutSessions
    let table = HTMLTable(
      columns: [
        "Session", "Kind", "Duration", "Checkpoint", "Members", "Findings", "Verdict",
      ],
      columnClasses: [1: "time", 2: "time", 3: "number", 4: "members"],
      rows: result.sessions.map { row($0, isDrawn: spelled.contains($0.id)) },
      className: "sessions")
    return [heading, table.render()]
  }

  private func row(_ session: Session, isDrawn: Bool) -> HTMLTable.Row {
    let link = HTMLMarkup.element(
      "a", [("href", "#" + HTMLFormat.sessionAnchor(session.id))],
      [HTMLMarkup.element("code", [], [HTMLMarkup.text(session.id)])])
    let restores = session.restoreTests.map { test in
      HTMLMarkup.element(
        "div", [("class", "note")], [HTMLMarkup.text(Self.restoreDescription(test))])
    }
    let members = session.memberServers
    let cells: [[HTMLNode]] = [
      [link] + restores,
      [HTMLMarkup.text(session.kind.rawValue)],
      [HTMLMarkup.text(HTMLFormat.duration(milliseconds: session.end - session.start))],
      [HTMLMarkup.text(session.checkpoint.map(String.init) ?? "–")],
      [HTMLMarkup.text(members.isEmpty ? "none" : MemberList.compact(members))],
      findingCounts(session),
      [HTMLBadge.verdict(session.verdict)],
    ]
    return HTMLTable.Row(
      cells: cells, className: "verdict \(session.verdict.rawValue)",
      id: isDrawn ? nil : HTMLFormat.sessionAnchor(session.id))
  }

  /// A badge per severity with its count among the session's findings, worst first.
  private func findingCounts(_ session: Session) -> [HTMLNode] {
    let findings = result.findings.filter { $0.session == session.id }
    let badges = Severity.allCases.sorted(by: >).compactMap { severity -> HTMLNode? in
      let count = findings.filter { $0.severity == severity }.count
      return count == 0 ? nil : HTMLBadge.severity(severity, count: count)
    }
    return badges.isEmpty ? [HTMLMarkup.text("none")] : badges
  }

  /// `restore-tested on restore1 (snapshot of master) at …`.
  static func restoreDescription(_ test: RestoreTest) -> String {
    let source = test.restoredFrom.map { " (snapshot of \($0))" } ?? ""
    return "restore-tested on \(test.server)\(source), recovered at \(timestamp(test.restoredAt))"
  }

  private func note(_ text: String) -> HTMLNode {
    HTMLMarkup.element("p", [("class", "note")], [HTMLMarkup.text(text)])
  }
}
