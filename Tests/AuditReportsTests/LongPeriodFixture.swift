import AuditReports
import BackupAudit

/// A hand-built audit of a long period: nightly cluster freezes of a cluster of `servers`
/// (a master and shards) for `days` days from 2021-08-05, with a failed night (a critical
/// finding) every 37th day, a degraded one every 53rd, a missed night every 61st, a second
/// session on every 100th day, a restore test every 30th night and a freeze that grows with the
/// day, so that months, gaps and several sessions a day all occur.
enum LongPeriodFixture {
  /// 2021-08-05T21:30:00Z.
  static let first: Int64 = 1_628_199_000_000
  static let day: Int64 = 86_400_000

  static func report(days: Int = 120, servers: Int = 16) -> AuditReport {
    AuditReport(
      result: result(days: days, servers: servers), toolVersion: "0.1.0",
      generatedAt: first + Int64(days) * day)
  }

  static func names(_ servers: Int) -> [String] {
    ["master"] + (1..<servers).map { "shard\($0)" }
  }

  static func result(days: Int, servers: Int) -> AuditResult {
    var sessions: [Session] = []
    var findings: [Finding] = []
    for index in 0..<days where index % 61 != 30 {
      let start = first + Int64(index) * day
      let verdict: Verdict =
        index % 37 == 5 ? .inconsistent : index % 53 == 7 ? .degraded : .consistent
      var session = freeze(start: start, servers: servers, seconds: 20 + index % 40)
      session.verdict = verdict
      if index % 30 == 3 {
        session.restoreTests = [
          RestoreTest(server: "restore1", restoredFrom: "master", restoredAt: start + 3_600_000)
        ]
      }
      sessions.append(session)
      if verdict != .consistent {
        let server = names(servers)[index % servers]
        findings.append(
          Finding(
            rule: verdict == .inconsistent ? .freezeTimeoutExceeded : .clockSkew,
            severity: verdict == .inconsistent ? .critical : .warning, server: server,
            session: session.id, epochMilliseconds: start,
            message: "night \(index) on \(server)",
            evidence: [
              Evidence(
                path: "cluster/\(server)/messages.log", line: 100 + index,
                text: "line of night \(index)")
            ]))
      }
      if index % 100 == 40 {
        sessions.append(freeze(start: start + 7_200_000, servers: servers, seconds: 30))
      }
    }
    var configuration = AuditConfiguration()
    configuration.restoredServers = ["restore1": "master"]
    let coverage = names(servers).map { name in
      ServerCoverage(
        name: name, timeZone: "UTC", from: first - 3_600_000,
        to: first + Int64(days - 1) * day + 3_600_000)
    }
    let critical = findings.filter { $0.severity == .critical }.count
    return AuditResult(
      configuration: configuration, inputs: [], servers: coverage, sessions: sessions,
      findings: findings,
      summary: AuditSummary(
        status: critical > 0 ? .critical : .warning, exitCode: critical > 0 ? 2 : 1,
        sessions: sessions.count,
        findingsBySeverity: [
          "critical": critical, "warning": findings.count - critical, "unknown": 0,
        ],
        lastConsistentSession: sessions.last { $0.verdict == .consistent }?.id))
  }

  /// A consistent cluster freeze of every server at `start`, each frozen `seconds`.
  static func freeze(start: Int64, servers: Int, seconds: Int) -> Session {
    let members = names(servers).enumerated().map { offset, name in
      var member = SessionMember(server: name)
      member.freezeBegin = start + Int64(offset) * 10
      member.frozen = member.freezeBegin.map { $0 + 500 }
      member.thawBegin = start + Int64(seconds) * 1_000
      member.thawed = start + Int64(seconds) * 1_000 + Int64(offset) * 10 + 300
      member.durationSeconds = Double(seconds) + 0.3
      member.checkpoint = 7
      return member
    }
    // The audit names a session by its UTC start; any id unique in the audit will do here.
    let id = "\(start)-cluster-freeze"
    return Session(
      id: id, kind: .clusterFreeze, start: start, end: start + Int64(seconds) * 1_000 + 500,
      checkpoint: 7, verdict: .consistent, members: members)
  }

  /// The long report with hostile text wherever the calendar, the months and the sessions'
  /// rows print log-derived text: every server renamed with `text` appended, one failed and one
  /// consistent session's id replaced by `text`, and the findings' messages and evidence.
  static func hostileReport(_ text: String) -> AuditReport {
    var report = report()
    var result = report.result
    let hostile = { (name: String) in name + text }
    for index in result.sessions.indices {
      for member in result.sessions[index].members.indices {
        result.sessions[index].members[member].server = hostile(
          result.sessions[index].members[member].server)
      }
    }
    for index in result.servers.indices {
      result.servers[index].name = hostile(result.servers[index].name)
    }
    for index in result.findings.indices {
      result.findings[index].server = result.findings[index].server.map(hostile)
      result.findings[index].message += text
      result.findings[index].evidence[0].text = text
    }
    let failed = result.sessions.firstIndex { $0.verdict != .consistent }!
    let consistent = result.sessions.firstIndex { $0.verdict == .consistent }!
    for (index, suffix) in [(failed, "-a"), (consistent, "-b")] {
      let old = result.sessions[index].id
      result.sessions[index].id = text + suffix
      for finding in result.findings.indices where result.findings[finding].session == old {
        result.findings[finding].session = text + suffix
      }
    }
    report.result = result
    return report
  }
}
