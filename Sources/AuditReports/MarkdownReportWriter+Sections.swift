import BackupAudit

extension MarkdownReportWriter {
  /// The sessions with their verdicts, members and restore tests, then the episode of every
  /// member of the sessions `spelledOut` names (`AuditReport.spelledOutSessions`).
  func sessionBlocks(_ sessions: [Session], spelledOut: Set<String>) -> [[String]] {
    let heading = ["## Sessions (\(sessions.count))"]
    guard !sessions.isEmpty else { return [heading, ["No backup session in the audited logs."]] }
    let rows = sessions.map { session in
      [
        text(session.id), session.kind.rawValue, timestamp(session.start),
        timestamp(session.end), session.checkpoint.map { "\($0)" } ?? "—",
        session.verdict.rawValue,
        session.members.isEmpty ? "—" : MemberList.compact(session.memberServers.map(text)),
        restoreTests(session.restoreTests),
      ]
    }
    let detailed = sessions.filter { spelledOut.contains($0.id) }
    let members = detailed.flatMap { session in session.members.map { (session.id, $0) } }
    let left = sessions.count - detailed.count
    let scope =
      left == 0
      ? []
      : [
        "The episodes of the sessions with findings or not consistent (\(detailed.count) of "
          + "\(sessions.count)); the audit with --detail all lists every session's."
      ]
    return [
      heading,
      Self.table(
        ["session", "kind", "start", "end", "checkpoint", "verdict", "members", "restore tests"],
        rows),
      ["### Members"],
    ] + (scope.isEmpty ? [] : [scope]) + [
      Self.table(
        [
          "session", "server", "freeze begin", "frozen", "thaw begin", "thawed", "quiesced",
          "resumed", "duration", "checkpoint", "journal file", "clock offset",
        ], members.map(memberRow))
    ]
  }

  /// The restored copies started from a session's snapshot, or "—".
  private func restoreTests(_ tests: [RestoreTest]) -> String {
    guard !tests.isEmpty else { return "—" }
    return tests.map { test in
      text(test.server) + (test.restoredFrom.map { " from \(text($0))" } ?? "")
        + " recovered at \(timestamp(test.restoredAt))"
    }.joined(separator: "; ")
  }

  /// One member's episode: its times as logged, duration, checkpoint, journal file and clock.
  private func memberRow(session: String, member: SessionMember) -> [String] {
    let times = [
      member.freezeBegin, member.frozen, member.thawBegin, member.thawed, member.quiesced,
      member.resumed,
    ].map { timestamp($0) ?? "—" }
    let offset = member.clockOffsetMilliseconds.map { ($0 > 0 ? "+" : "") + "\($0) ms" }
    return [text(session), text(member.server)] + times + [
      member.durationSeconds.map { Self.duration(roundedSeconds($0)) } ?? "—",
      member.checkpoint.map { "\($0)" } ?? "—", member.journalFile.map(text) ?? "—",
      offset ?? "—",
    ]
  }

  /// The findings under a heading per severity, worst first: a table each, then the evidence of
  /// each finding in a code block, labelled `F1`, `F2`… in the report's order of findings.
  func findingBlocks(_ findings: [Finding]) -> [[String]] {
    let heading = ["## Findings (\(findings.count))"]
    guard !findings.isEmpty else { return [heading, ["No findings."]] }
    let labelled = findings.enumerated().map { (label: "F\($0.offset + 1)", finding: $0.element) }
    var blocks = [heading]
    for severity in Severity.allCases.sorted(by: >) {
      let group = labelled.filter { $0.finding.severity == severity }
      guard !group.isEmpty else { continue }
      blocks.append(["### \(severity.rawValue) (\(group.count))"])
      let rows = group.map { label, finding in
        [
          label, timestamp(finding.epochMilliseconds), finding.rule.rawValue,
          finding.server.map(text) ?? "cluster", finding.session.map(text) ?? "—",
          text(finding.message),
        ]
      }
      blocks.append(Self.table(["#", "time", "rule", "server", "session", "message"], rows))
      for (label, finding) in group { blocks += evidenceBlocks(label, finding.evidence) }
    }
    return blocks
  }

  /// Each evidence line in a fenced code block, where nothing is markup.
  private func evidenceBlocks(_ label: String, _ evidence: [Evidence]) -> [[String]] {
    guard !evidence.isEmpty else { return [["Evidence of \(label): none."]] }
    let lines = evidence.map(MarkupEscaping.evidenceLine)
    let fence = MarkupEscaping.codeFence(for: lines)
    return [["Evidence of \(label):"], [fence] + lines + [fence]]
  }
}
