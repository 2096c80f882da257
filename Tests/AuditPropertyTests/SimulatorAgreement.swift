import BackupAudit
import BackupEvents
import ClusterSimulation
import Foundation
import LogReading
import TestSupport

/// Runs the simulator, audits what it wrote as an operator would (each server in the zone
/// `cluster.toml` gives it, at the truth's report time), and compares the audit with the truth:
/// sessions one to one with their verdicts, findings as (rule, server, session, time).
struct SimulatorAgreement {
  var configuration: SimulationConfiguration
  /// Findings (and restore tests) the truth has and the audit does not.
  var missing: [String] = []
  /// Findings (and restore tests) the audit has and the truth does not.
  var extra: [String] = []
  /// Sessions that do not pair up one to one, and paired sessions whose verdicts differ.
  var sessionIssues: [String] = []
  var sessionCount = 0
  var findingCount = 0
  /// How many restore tests the truth has, and how many restored logs begin frozen.
  var restoreTestCount = 0
  var restoresBeginningFrozen = 0
  /// The rules of the truth's findings, one entry per finding.
  var truthRules: [String] = []
  /// The faults staged in the truth's sessions, one entry per session, and the wrongly
  /// configured zones.
  var stagedFaults: [String] = []
  /// The truth's session verdicts, one entry per session.
  var truthVerdicts: [String] = []
  /// The truth's report time (a backup in progress), if any.
  var reportTime: Int64?

  init(configuration: SimulationConfiguration) throws {
    self.configuration = configuration
    let folder = try TemporaryFolder()
    let summary = try ClusterSimulator.run(configuration, outputDirectory: folder.path)
    let truth = summary.truth
    let audit = try Self.audit(folder.path, truth: truth)
    sessionCount = audit.sessions.count
    findingCount = audit.findings.count
    truthRules = truth.findings.map(\.rule)
    truthVerdicts = truth.sessions.map(\.verdict)
    reportTime = truth.reportTime
    stagedFaults =
      truth.sessions.compactMap(\.stagedFault)
      + truth.servers.filter { $0.configuredTimeZone != $0.timeZone }.map { _ in "zone-mismatch" }
    let pairing = SessionPairing(truth: truth.sessions, audit: audit.sessions)
    sessionIssues = pairing.issues
    let names = pairing.truthID
    let expected = Set(truth.findings.map { Self.key($0.rule, $0.server, $0.session, $0.time) })
    let actual = Set(
      audit.findings.map { finding in
        let session = finding.session.map { names[$0] ?? "unmatched:\($0)" }
        return Self.key(finding.rule.rawValue, finding.server, session, finding.epochMilliseconds)
      })
    // Restore tests are part of the comparison: the restored copy and the session it tests.
    let expectedRestores = Set(truth.restoreTests.map { "restore-test \($0.server) \($0.session)" })
    let actualRestores = Set(
      audit.sessions.flatMap { session in
        session.restoreTests.map { "restore-test \($0.server) \(names[session.id] ?? session.id)" }
      })
    restoreTestCount = expectedRestores.count
    restoresBeginningFrozen = try truth.restoreTests.filter { restore in
      let log = try String(
        contentsOfFile: folder.path + "/" + restore.server + "/messages.log", encoding: .utf8)
      return log.prefix { $0 != "\n" }.contains("ExternalFreeze: System suspended")
    }.count
    missing = expected.union(expectedRestores).subtracting(actual.union(actualRestores)).sorted()
    extra = actual.union(actualRestores).subtracting(expected.union(expectedRestores)).sorted()
  }

  var agrees: Bool { missing.isEmpty && extra.isEmpty && sessionIssues.isEmpty }

  /// Every disagreement, one per line.
  var disagreements: [String] {
    missing.map { "missing \($0)" } + extra.map { "extra \($0)" } + sessionIssues
  }

  /// Audits a corpus with the configuration `cluster.toml` holds: the configured zones (a
  /// wrong one included), the thresholds the truth assumes, the restored servers, and the
  /// report time of a backup still in progress.
  static func audit(_ folder: String, truth: SimulationTruth) throws -> AuditResult {
    let zones = Dictionary(
      uniqueKeysWithValues: truth.servers.map { ($0.name, $0.configuredTimeZone) })
    let servers = try ServerDiscovery.discover(paths: [folder])
    let readings = ServerLogReader.readAll(servers) { server in
      EventReading.options(zones[server.name] ?? "UTC")
    }
    var audit = AuditConfiguration()
    audit.freezeTimeoutMilliseconds = SimulationTruth.freezeTimeout
    audit.maxQuiesceMilliseconds = SimulationTruth.maximumQuiesce
    audit.skewToleranceMilliseconds = SimulationTruth.skewTolerance
    audit.rpoMilliseconds = SimulationTruth.recoveryPointObjective
    audit.reportTime = truth.reportTime
    for server in truth.servers where server.restoredFrom != nil {
      audit.restoredServers[server.name] = server.restoredFrom
    }
    return Auditor(configuration: audit).audit(readings)
  }

  /// A finding as compared: its time to the millisecond. Every truth time is exact: the
  /// truth times an episode by its first line's logged instant, which the reader recovers
  /// exactly in the true zone; a server read in a wrong zone is corrected by the offset its
  /// `instance-start` lines state to the millisecond, and the simulator only stages a wrong
  /// zone where that correction is exact for every event (no DST hour in between).
  static func key(_ rule: String, _ server: String?, _ session: String?, _ time: Int64) -> String {
    "\(rule) \(server ?? "*") \(session ?? "-") \(rfc3339(time))"
  }

  /// `2021-08-11T05:49:43.233Z`.
  static func rfc3339(_ milliseconds: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    return formatter.string(from: Date(timeIntervalSince1970: Double(milliseconds) / 1000))
  }
}
