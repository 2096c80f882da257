import BackupAudit

/// Writes the report for a terminal: the sessions with their verdicts, then the findings
/// grouped by severity (worst first) with their first evidence line, then one summary line.
///
/// Readable at a glance and deterministic; ANSI colours only when asked (`usesColours`),
/// because the output is often piped into a file or a ticket.
public struct TextReportWriter: ReportWriter {
  /// Colour verdicts and severities with ANSI escapes.
  public var usesColours: Bool

  /// Creates the writer; colours are off unless asked for.
  public init(usesColours: Bool = false) {
    self.usesColours = usesColours
  }

  /// Writes `report` as plain text lines.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    let result = report.result
    var lines = [
      "\(report.toolName) \(report.toolVersion) · \(result.servers.count) servers · "
        + "report time \(timestamp(report.generatedAt))",
      "",
      "sessions (\(result.sessions.count))",
    ]
    lines += sessionLines(result.sessions)
    lines.append("")
    lines += findingLines(result.findings)
    lines.append(summaryLine(report))
    for line in lines { output.write(line + "\n") }
  }

  /// A line per session: id, kind, checkpoint, members, verdict; a line per restore test.
  func sessionLines(_ sessions: [Session]) -> [String] {
    guard !sessions.isEmpty else { return ["  none"] }
    let rows = sessions.map { session in
      [
        name(session.id), session.kind.rawValue,
        session.checkpoint.map { "checkpoint \($0)" } ?? "no checkpoint",
        name(session.memberServers.joined(separator: ",")).nonEmpty ?? "no members",
        session.verdict.rawValue,
      ]
    }
    var lines: [String] = []
    for (session, line) in zip(sessions, TerminalText.columns(rows)) {
      lines.append(coloured(line, verdict: session.verdict))
      for test in session.restoreTests {
        let source = test.restoredFrom.map { " from \(name($0))" } ?? ""
        lines.append(
          "    restore-tested: \(name(test.server))\(source) recovered at \(timestamp(test.restoredAt))"
        )
      }
    }
    return lines
  }

  /// Findings under a heading per severity, worst first; nothing for an empty severity.
  func findingLines(_ findings: [Finding]) -> [String] {
    guard !findings.isEmpty else { return ["findings: none", ""] }
    var lines: [String] = []
    for severity in Severity.allCases.sorted(by: >) {
      let group = findings.filter { $0.severity == severity }
      guard !group.isEmpty else { continue }
      lines.append(coloured("\(severity.rawValue) (\(group.count))", severity: severity))
      for finding in group {
        let server = finding.server.map(name) ?? "cluster"
        lines.append(
          "  \(timestamp(finding.epochMilliseconds))  \(finding.rule.rawValue)  \(server)  "
            + TerminalText.sanitized(finding.message))
        if let session = finding.session { lines.append("      session \(name(session))") }
        if let evidence = finding.evidence.first {
          let rest = finding.evidence.count - 1
          let more = rest == 0 ? "" : " (and \(rest) more line\(rest == 1 ? "" : "s"))"
          lines.append(
            "      \(name(evidence.path)):\(evidence.line): "
              + TerminalText.sanitized(evidence.text) + more)
        }
      }
      lines.append("")
    }
    return lines
  }

  /// `status · exit n · sessions by verdict · findings by severity · last consistent session`.
  func summaryLine(_ report: AuditReport) -> String {
    let summary = report.result.summary
    let verdicts = Verdict.allCases.compactMap { verdict -> String? in
      let count = report.result.sessions.filter { $0.verdict == verdict }.count
      return count == 0 ? nil : "\(count) \(verdict.rawValue)"
    }
    let severities = Severity.allCases.sorted(by: >).map {
      "\(summary.findingsBySeverity[$0.rawValue] ?? 0) \($0.rawValue)"
    }
    let sessions =
      "\(summary.sessions) sessions"
      + (verdicts.isEmpty ? "" : " (\(verdicts.joined(separator: ", ")))")
    let word = summary.status.rawValue
    let status = usesColours ? coloured(word, status: summary.status) : word
    return [
      status, "exit \(summary.exitCode)", sessions,
      "findings: \(severities.joined(separator: ", "))",
      "last consistent: \(summary.lastConsistentSession.map(name) ?? "none")",
    ].joined(separator: " · ")
  }

  /// A server name, session id or path, made safe for a terminal but never cut.
  private func name(_ text: String) -> String {
    TerminalText.sanitized(text, limit: .max)
  }

  private func coloured(_ text: String, verdict: Verdict) -> String {
    switch verdict {
    case .consistent: coloured(text, code: "32")
    case .degraded: coloured(text, code: "33")
    case .inconsistent: coloured(text, code: "31")
    case .unknown: coloured(text, code: "35")
    case .inProgress: coloured(text, code: "36")
    }
  }

  private func coloured(_ text: String, severity: Severity) -> String {
    switch severity {
    case .warning: coloured(text, code: "1;33")
    case .unknown: coloured(text, code: "1;35")
    case .critical: coloured(text, code: "1;31")
    }
  }

  private func coloured(_ text: String, status: AuditStatus) -> String {
    switch status {
    case .ok: coloured(text, code: "1;32")
    case .warning: coloured(text, severity: .warning)
    case .critical: coloured(text, severity: .critical)
    case .unknown: coloured(text, severity: .unknown)
    }
  }

  private func coloured(_ text: String, code: String) -> String {
    usesColours ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}

extension String {
  /// Self, or nil when empty.
  fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
