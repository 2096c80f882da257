import BackupAudit

/// Writes the Prometheus textfile of SPEC §7 for node_exporter's textfile collector: gauges
/// named `iris_backup_audit_*`, sorted by name, with `# HELP` and `# TYPE` and no timestamps.
/// The command line writes the file atomically; this writer only renders it.
///
/// - `…_last_consistent_session_timestamp_seconds`: the start of the last consistent session,
///   the instant the RPO is measured from; no sample when there is none (alert on `absent()`
///   as well as on age).
/// - `…_freeze_duration_seconds{server}`: each server's freeze in its most recent session where
///   it froze; no sample for a server whose latest freeze never ended (`never-thawed` says so).
/// - `…_findings{rule,severity}`: findings per rule, with every rule of the catalogue at its
///   severity present, zero included, so that the cardinality is bounded by the catalogue and a
///   rule's series exists before it first fires.
/// - `…_sessions{verdict}`, every verdict present; `…_status{status}` as a state set (1 for the
///   audit's status, 0 for the others); `…_exit_code`; `…_report_timestamp_seconds`, when the
///   report was generated; `…_build_info{version}`, always 1.
public struct PrometheusReportWriter: ReportWriter {
  /// The prefix of every metric name.
  public static let prefix = "iris_backup_audit_"

  /// Creates the writer.
  public init() {}

  /// Writes `report` as exposition-format lines, each ending with a newline.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    for family in families(report).sorted(by: { $0.name < $1.name }) {
      for line in family.lines { output.write(line + "\n") }
    }
  }

  /// Every family of the report, in no particular order.
  func families(_ report: AuditReport) -> [PrometheusFamily] {
    let result = report.result
    var lastConsistent = family(
      "last_consistent_session_timestamp_seconds",
      "Start of the last session whose verdict is consistent, in seconds since the epoch.")
    if let session = result.lastConsistentSession {
      lastConsistent.add(Self.epochSeconds(session.start))
    }
    var freezes = family(
      "freeze_duration_seconds",
      "Freeze-begin to thawed of each server's most recent freeze, in seconds.")
    for freeze in result.latestFreezes {
      if let seconds = freeze.seconds {
        freezes.add(MarkupEscaping.decimal(seconds), [("server", freeze.server)])
      }
    }
    var running = family(
      "open_episode_seconds",
      "Seconds each production server's freeze or quiesce still in progress has run at the "
        + "report time; 0 when none.")
    let open = Dictionary(
      result.runningEpisodes.map { ($0.server, $0) }, uniquingKeysWith: { first, _ in first })
    for server in result.servers where !server.isRestored {
      for action in ["frozen", "quiesced"] {
        let seconds = open[server.name].flatMap { $0.action == action ? $0.seconds : nil } ?? 0
        running.add(
          MarkupEscaping.decimal(seconds), [("server", server.name), ("state", action)])
      }
    }
    var status = family(
      "status", "The audit's status: 1 for the current one of ok, warning, critical, unknown.")
    for name in AuditStatus.allCases {
      status.add(name == result.summary.status ? "1" : "0", [("status", name.rawValue)])
    }
    var exitCode = family(
      "exit_code", "The audit's exit status: 0 ok, 1 warnings, 2 critical, 3 unknown.")
    exitCode.add("\(result.summary.exitCode)")
    var generated = family(
      "report_timestamp_seconds", "When the report was generated, in seconds since the epoch.")
    generated.add(Self.epochSeconds(report.generatedAt))
    var build = family("build_info", "The version of the tool that wrote the report; always 1.")
    build.add("1", [("version", report.toolVersion)])
    return [
      lastConsistent, freezes, running, findings(result.findings), sessions(result.sessions), status,
      exitCode, generated, build,
    ]
  }

  /// Findings per rule and severity: the catalogue's rules at their severity, zero included,
  /// plus any other pair that occurs.
  func findings(_ findings: [Finding]) -> PrometheusFamily {
    var counts: [[String]: Int] = [:]
    for rule in Auditor.ruleDescriptions {
      counts[[rule.id.rawValue, rule.severity.rawValue]] = 0
    }
    for finding in findings {
      counts[[finding.rule.rawValue, finding.severity.rawValue], default: 0] += 1
    }
    var family = family("findings", "Findings of the audit by rule and severity.")
    for (key, count) in counts {
      family.add("\(count)", [("rule", key[0]), ("severity", key[1])])
    }
    return family
  }

  /// Sessions per verdict, every verdict present.
  func sessions(_ sessions: [Session]) -> PrometheusFamily {
    var family = family("sessions", "Backup sessions in the audited logs by verdict.")
    for verdict in Verdict.allCases {
      let count = sessions.filter { $0.verdict == verdict }.count
      family.add("\(count)", [("verdict", verdict.rawValue)])
    }
    return family
  }

  private func family(_ suffix: String, _ help: String) -> PrometheusFamily {
    PrometheusFamily(Self.prefix + suffix, help: help)
  }

  /// Milliseconds since the epoch as seconds, milliseconds kept.
  private static func epochSeconds(_ epochMilliseconds: Int64) -> String {
    MarkupEscaping.decimal(seconds(epochMilliseconds))
  }
}
