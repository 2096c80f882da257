import BackupAudit

/// Writes the Nagios plugin output of SPEC §7 (Nagios plugin guidelines, also read by Icinga,
/// Naemon and check_mk): one status line with performance data, then a line per finding, worst
/// first. The command line's exit status is the plugin's state, which the status word repeats.
///
/// `IRIS BACKUP CRITICAL - 4 sessions (…), findings: 1 critical, … | sessions=4;;;0 …`
///
/// Perfdata, `'label'=value[UOM];[warn];[crit];[min];[max]`: sessions by verdict; findings by
/// severity, with the thresholds that set the state (any critical finding is critical; any
/// warning is a warning when `--fail-on warning`); `last_consistent_age` in seconds at the report
/// time, critical past the RPO, `U` without a consistent session; and `freeze_<server>` for each
/// server's latest freeze, warning past the near-timeout and critical past the timeout, `U` when
/// it never ended. Log text is made visible and its `|` written `\u{7C}`, so it can neither
/// start the perfdata nor add a line.
public struct NagiosReportWriter: ReportWriter {
  /// Creates the writer.
  public init() {}

  /// Writes `report` as plugin output lines, each ending with a newline.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    let result = report.result
    let state = Self.state(exitCode: result.summary.exitCode)
    output.write("IRIS BACKUP \(state) - \(summary(result)) | \(perfdata(report))\n")
    for severity in Severity.allCases.sorted(by: >) {
      for finding in result.findings where finding.severity == severity {
        output.write(line(finding) + "\n")
      }
    }
  }

  /// The plugin state of an exit status: `OK`, `WARNING`, `CRITICAL` or `UNKNOWN`.
  static func state(exitCode: Int32) -> String {
    switch exitCode {
    case 0: "OK"
    case 1: "WARNING"
    case 2: "CRITICAL"
    default: "UNKNOWN"
    }
  }

  /// Sessions by verdict, findings by severity, and the last consistent session; first, while
  /// a backup runs, how long it has run of its limit (`backup in progress: frozen 61 s of 600 s`),
  /// so that a check during every backup reads OK, then WARNING, then CRITICAL.
  func summary(_ result: AuditResult) -> String {
    let running = result.runningEpisodes.max { $0.seconds < $1.seconds }.map { episode in
      "backup in progress: \(episode.action) \(Int(episode.seconds.rounded(.down))) s of "
        + "\(Int(episode.limit.rounded())) s on \(Self.text(episode.server)); "
    }
    return (running ?? "") + counts(result)
  }

  private func counts(_ result: AuditResult) -> String {
    let verdicts = Verdict.allCases.compactMap { verdict -> String? in
      let count = result.sessions.filter { $0.verdict == verdict }.count
      return count == 0 ? nil : "\(count) \(verdict.rawValue)"
    }
    let sessions =
      "\(result.summary.sessions) sessions"
      + (verdicts.isEmpty ? "" : " (\(verdicts.joined(separator: ", ")))")
    let severities = Severity.allCases.sorted(by: >).map {
      "\(result.summary.findingsBySeverity[$0.rawValue] ?? 0) \($0.rawValue)"
    }
    let last = result.summary.lastConsistentSession.map(Self.text) ?? "none"
    return "\(sessions), findings: \(severities.joined(separator: ", ")), last consistent \(last)"
  }

  /// The performance data of the status line.
  func perfdata(_ report: AuditReport) -> String {
    let result = report.result
    let configuration = result.configuration
    var data = ["sessions=\(result.sessions.count);;;0"]
    for verdict in Verdict.allCases {
      let count = result.sessions.filter { $0.verdict == verdict }.count
      let label = verdict.rawValue.replacingOccurrences(of: "-", with: "_")
      data.append("sessions_\(label)=\(count);;;0")
    }
    let counts = result.summary.findingsBySeverity
    let warns = report.failOn == .warning ? "0" : ""
    data.append("findings_critical=\(counts[Severity.critical.rawValue] ?? 0);;0;0")
    data.append("findings_warning=\(counts[Severity.warning.rawValue] ?? 0);\(warns);;0")
    data.append("findings_unknown=\(counts[Severity.unknown.rawValue] ?? 0);;;0")
    let age = result.lastConsistentSession.map { seconds(report.generatedAt - $0.start) }
    let rpo = configuration.rpoMilliseconds.map { MarkupEscaping.decimal(seconds($0)) } ?? ""
    data.append("last_consistent_age=\(Self.value(age));;\(rpo);0")
    let timeout = seconds(configuration.freezeTimeoutMilliseconds)
    let nearTimeout = roundedSeconds(timeout * configuration.nearTimeoutFraction)
    for freeze in result.latestFreezes {
      data.append(
        Self.label("freeze_\(freeze.server)") + "=\(Self.value(freeze.seconds));"
          + "\(MarkupEscaping.decimal(nearTimeout));\(MarkupEscaping.decimal(timeout));0")
    }
    return data.joined(separator: " ")
  }

  /// One finding: severity, rule, server, session, time, message and first evidence line.
  func line(_ finding: Finding) -> String {
    let server = finding.server.map(Self.text) ?? "cluster"
    let session = finding.session.map { " in \(Self.text($0))" } ?? ""
    let evidence = finding.evidence.first.map { " (\(Self.text($0.path)):\($0.line))" } ?? ""
    return "\(finding.severity.rawValue.uppercased()) \(finding.rule.rawValue) on \(server)"
      + "\(session) at \(timestamp(finding.epochMilliseconds)): \(Self.text(finding.message))"
      + evidence
  }

  /// Text for an output line: visible, one line, and no `|`.
  static func text(_ value: String) -> String {
    MarkupEscaping.visible(value, escaping: ["|"])
  }

  /// A perfdata label: visible, with the `=` and `'` a label cannot hold and the `|` escaped,
  /// and quoted when it holds a space, as the guidelines ask.
  static func label(_ value: String) -> String {
    let text = MarkupEscaping.visible(value, escaping: ["|", "=", "'"])
    return text.unicodeScalars.contains(" ") ? "'\(text)'" : text
  }

  /// Seconds with the unit, or `U` when the value could not be determined.
  private static func value(_ seconds: Double?) -> String {
    seconds.map { MarkupEscaping.decimal($0) + "s" } ?? "U"
  }
}
