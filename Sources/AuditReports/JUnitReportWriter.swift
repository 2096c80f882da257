import BackupAudit
import Foundation
import XMLCoder

/// Writes the JUnit XML report of SPEC §7, so that CI systems (Jenkins, GitLab) show each backup
/// as a test suite and each finding as a failed test.
///
/// - A `<testsuite>` per session, named by its id, with its kind, verdict, times, checkpoint
///   and restore tests as properties. It has a `<testcase>` per member and check: classname
///   `<session>.<server>`, name the rule, for every rule that judges episodes. A server named
///   by a finding but without an episode (`member-missing`) is a member too; a finding without
///   a server adds a case under `<session>.cluster`.
/// - One more suite, `audit`, for what belongs to no session: `insufficient-evidence` for each
///   server over the audited period, and the schedule's rules (`rpo-exceeded`, skipped without
///   an RPO). Their findings go there even when they name the session a gap starts after.
/// - A critical or warning finding is a `<failure>` of its case (type: the rule, text: the
///   evidence); an `unknown` one is an `<error>`, JUnit's word for a check that could not be
///   made, which is what missing evidence means. A case holds at most one of them, and
///   `tests`, `failures`, `errors` and `skipped` count cases.
///
/// Log text is made visible (`MarkupEscaping.visible(_:)`) before XMLCoder escapes markup, so
/// the document is always well-formed XML 1.0.
public struct JUnitReportWriter: ReportWriter {
  /// The suite of what belongs to no session.
  static let auditSuiteName = "audit"
  /// The subject of a finding that names no server.
  static let clusterSubject = "cluster"

  /// Creates the writer.
  public init() {}

  /// Writes `report` as one pretty-printed XML document with a trailing newline.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    let suites = suites(report.result) + [auditSuite(report)]
    let document = JUnitDocument(name: MarkupEscaping.visible(report.toolName), suites: suites)
    let encoder = XMLEncoder()
    encoder.outputFormatting = [.prettyPrinted]
    encoder.prettyPrintIndentation = .spaces(2)
    let data: Data
    do {
      data = try encoder.encode(
        document, withRootKey: "testsuites", header: XMLHeader(version: 1.0, encoding: "UTF-8"))
    } catch {
      throw ReportError.unencodable(format: "junit", reason: "\(error)")
    }
    output.write(String(decoding: data, as: UTF8.self))
    output.write("\n")
  }

  /// A suite per session, holding the findings of the rules that judge its episodes.
  func suites(_ result: AuditResult) -> [JUnitSuite] {
    let bySession = Dictionary(grouping: result.findings.filter(Self.belongsToSession)) {
      $0.session ?? ""
    }
    return result.sessions.map { session in
      let findings = bySession[session.id] ?? []
      var subjects = session.memberServers
      for server in findings.compactMap(\.server) where !subjects.contains(server) {
        subjects.append(server)
      }
      let checks = subjects.flatMap { subject in Self.episodeRules.map { (subject, $0) } }
      var properties = [
        ("kind", session.kind.rawValue), ("verdict", session.verdict.rawValue),
        ("start", timestamp(session.start)), ("end", timestamp(session.end)),
      ]
      if let checkpoint = session.checkpoint { properties.append(("checkpoint", "\(checkpoint)")) }
      for test in session.restoreTests {
        let origin = test.restoredFrom.map { " from \($0)" } ?? ""
        properties.append(
          ("restore-test", "\(test.server)\(origin) recovered at \(timestamp(test.restoredAt))"))
      }
      return JUnitSuite(
        name: MarkupEscaping.visible(session.id), timestamp: timestamp(session.start),
        time: seconds(session.end - session.start), properties: Self.properties(properties),
        cases: Self.cases(suite: session.id, checks: checks, findings: findings))
    }
  }

  /// The `audit` suite: each server's evidence over the period, and the schedule.
  func auditSuite(_ report: AuditReport) -> JUnitSuite {
    let result = report.result
    let findings = result.findings.filter { !Self.belongsToSession($0) }
    let checks =
      result.servers.map { ($0.name, RuleID.insufficientEvidence) }
      + Self.scheduleRules.map { (Self.clusterSubject, $0) }
    var cases = Self.cases(suite: Self.auditSuiteName, checks: checks, findings: findings)
    if result.configuration.rpoMilliseconds == nil,
      let rpo = cases.firstIndex(where: { $0.name == RuleID.rpoExceeded.rawValue })
    {
      cases[rpo].skipped = JUnitOutcome(message: "no rpo configured", type: nil, text: "")
    }
    let summary = result.summary
    let properties = [
      ("status", summary.status.rawValue), ("exit-code", "\(summary.exitCode)"),
      ("fail-on", report.failOn.rawValue),
      ("last-consistent-session", summary.lastConsistentSession ?? "none"),
      ("tool", "\(report.toolName) \(report.toolVersion)"),
    ]
    return JUnitSuite(
      name: Self.auditSuiteName, timestamp: timestamp(report.generatedAt), time: nil,
      properties: Self.properties(properties), cases: cases)
  }

  /// True when a finding is about one session's episodes, not the schedule or the inputs.
  static func belongsToSession(_ finding: Finding) -> Bool {
    finding.session != nil && !scheduleRules.contains(finding.rule)
  }

  /// The rules that judge episodes, in the auditor's order.
  static let episodeRules = Auditor.rules.filter { !type(of: $0).runsOnVerdicts }.map {
    type(of: $0).description.id
  }

  /// The rules that judge the schedule from the sessions' verdicts.
  static let scheduleRules = Auditor.rules.filter { type(of: $0).runsOnVerdicts }.map {
    type(of: $0).description.id
  }

  /// A case per check, in order, each failed by the first finding of its subject and rule; a
  /// further finding of the same subject and rule, or one with no check, gets a case of its own
  /// after them, numbered from the second on (`rpo-exceeded (2)`) so that names stay unique.
  static func cases(
    suite: String, checks: [(subject: String, rule: RuleID)], findings: [Finding]
  ) -> [JUnitCase] {
    var cases = checks.map { JUnitCase(suite: suite, subject: $0.subject, rule: $0.rule) }
    var checked: [[String]: Int] = [:]
    for (index, check) in checks.enumerated()
    where checked[[check.subject, check.rule.rawValue]] == nil {
      checked[[check.subject, check.rule.rawValue]] = index
    }
    var seen: [[String]: Int] = [:]
    for finding in findings {
      let subject = finding.server ?? clusterSubject
      let key = [subject, finding.rule.rawValue]
      let count = (seen[key] ?? 0) + 1
      seen[key] = count
      if count == 1, let index = checked[key] {
        cases[index].record(finding)
      } else {
        var extra = JUnitCase(suite: suite, subject: subject, rule: finding.rule)
        if count > 1 { extra.name += " (\(count))" }
        extra.record(finding)
        cases.append(extra)
      }
    }
    return cases
  }

  private static func properties(_ pairs: [(String, String)]) -> [JUnitProperty] {
    pairs.map { JUnitProperty(name: $0.0, value: MarkupEscaping.visible($0.1)) }
  }
}

extension JUnitCase {
  /// The passing case of one check: classname `<suite>.<subject>`, name the rule.
  init(suite: String, subject: String, rule: RuleID) {
    self.init(
      name: rule.rawValue,
      classname: MarkupEscaping.visible(suite) + "." + MarkupEscaping.visible(subject))
  }

  /// Fails the case with `finding`: an error when its severity is unknown, else a failure.
  mutating func record(_ finding: Finding) {
    let heading = [
      "\(finding.severity.rawValue) at \(timestamp(finding.epochMilliseconds))",
      finding.server.map { "server \($0)" }, finding.session.map { "session \($0)" },
    ].compactMap { $0 }
    let evidence = finding.evidence.map(MarkupEscaping.evidenceLine)
    let outcome = JUnitOutcome(
      message: MarkupEscaping.visible(finding.message), type: finding.rule.rawValue,
      text: ([MarkupEscaping.visible(heading.joined(separator: ", "))]
        + (evidence.isEmpty ? ["no evidence lines"] : evidence)).joined(separator: "\n"))
    if finding.severity == .unknown { error = outcome } else { failure = outcome }
  }
}
