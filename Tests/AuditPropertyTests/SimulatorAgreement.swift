import BackupAudit
import BackupEvents
import ClusterSimulation
import Foundation
import LogReading
import TestSupport

/// Runs the simulator, audits what it wrote, and compares the audit's findings with the
/// simulator's truth as (rule, server, session) triples.
///
/// Sessions are matched by checkpoint number, else by overlapping windows: the audit names its
/// sessions after their start, the truth numbers them.
struct SimulatorAgreement {
  var configuration: SimulationConfiguration
  /// Triples the truth has and the audit does not.
  var missing: [String] = []
  /// Triples the audit has and the truth does not.
  var extra: [String] = []
  var sessionCount = 0
  var findingCount = 0
  /// How many restore tests the truth has.
  var restoreTestCount = 0
  /// The rules of the truth's findings, one entry per finding.
  var truthRules: [String] = []

  init(configuration: SimulationConfiguration) throws {
    self.configuration = configuration
    let folder = try TemporaryFolder()
    let summary = try ClusterSimulator.run(configuration, outputDirectory: folder.path)
    let truth = summary.truth
    let zones = Dictionary(uniqueKeysWithValues: truth.servers.map { ($0.name, $0.timeZone) })
    let servers = try ServerDiscovery.discover(paths: [folder.path])
    let readings = ServerLogReader.readAll(servers) { server in
      EventReading.options(zones[server.name] ?? "UTC")
    }
    var audit = AuditConfiguration()
    audit.freezeTimeoutMilliseconds = SimulationTruth.freezeTimeout
    audit.maxQuiesceMilliseconds = SimulationTruth.maximumQuiesce
    audit.skewToleranceMilliseconds = SimulationTruth.skewTolerance
    audit.rpoMilliseconds = SimulationTruth.recoveryPointObjective
    for server in truth.servers where server.restoredFrom != nil {
      audit.restoredServers[server.name] = server.restoredFrom
    }
    let result = Auditor(configuration: audit).audit(readings)
    sessionCount = result.sessions.count
    findingCount = result.findings.count
    let names = Dictionary(uniqueKeysWithValues: result.sessions.map { ($0.id, Self.match($0, in: truth)) })
    truthRules = truth.findings.map(\.rule)
    let expected = Set(truth.findings.map { "\($0.rule) \($0.server ?? "*") \($0.session ?? "-")" })
    let actual = Set(result.findings.map { finding in
      let session = finding.session.map { names[$0] ?? "unmatched:\($0)" } ?? "-"
      return "\(finding.rule.rawValue) \(finding.server ?? "*") \(session)"
    })
    // Restore tests are part of the comparison: the restored copy and the session it tests.
    let expectedRestores = Set(truth.restoreTests.map { "restore-test \($0.server) \($0.session)" })
    let actualRestores = Set(result.sessions.flatMap { session in
      session.restoreTests.map { "restore-test \($0.server) \(names[session.id] ?? session.id)" }
    })
    restoreTestCount = expectedRestores.count
    missing = expected.union(expectedRestores).subtracting(actual.union(actualRestores)).sorted()
    extra = actual.union(actualRestores).subtracting(expected.union(expectedRestores)).sorted()
  }

  var agrees: Bool { missing.isEmpty && extra.isEmpty }

  /// The truth session an audit session is: same checkpoint, else the most overlapping window.
  static func match(_ session: Session, in truth: SimulationTruth) -> String {
    if let checkpoint = session.checkpoint,
      let same = truth.sessions.first(where: { $0.checkpoint == checkpoint })
    {
      return same.id
    }
    let slack: Int64 = 5_000
    let overlapping = truth.sessions.filter {
      $0.start - slack <= session.end && $0.end + slack >= session.start
    }
    let best = overlapping.min {
      abs($0.start - session.start) < abs($1.start - session.start)
    }
    return best?.id ?? "unmatched:\(session.id)"
  }
}
