import BackupAudit
import TestSupport
import Testing

struct RPOExceededRuleTests {
  /// vm1 covering six days, with an instance freeze at 05:01:40 on each of `days`.
  func nightly(_ days: [Int]) -> [String: TestLog] {
    var log = TestLog()
    log.noise(0)
    for day in days { log.clusterFreeze(at: Double(day) * 86_400 + 100, checkpoint: nil) }
    log.noise(6 * 86_400)
    return ["vm1": log]
  }

  /// An RPO of 26 hours.
  var configuration: AuditConfiguration {
    var configuration = AuditConfiguration()
    configuration.rpoMilliseconds = 26 * 3_600_000
    return configuration
  }

  @Test func firesForAGapAndForTheTail() throws {
    let result = try AuditFixture.audit(nightly([0, 1, 3]), configuration: configuration)
    let rpo = result.findings.filter { $0.rule == .rpoExceeded }
    #expect(
      rpo.map(\.message) == [
        "no consistent backup for 48 h after this one, rpo 26 h",
        "no consistent backup for 72.0 h since this one, until 2021-08-17T05:00:00.000Z, rpo 26 h",
      ])
    #expect(result.sessions.allSatisfy { $0.verdict == .consistent })
  }

  @Test func firesOnceWhenNothingIsConsistent() throws {
    let result = try AuditFixture.audit(nightly([]), configuration: configuration)
    #expect(result.findings.map(\.message) == ["no consistent backup in 144 h, rpo 26 h"])
    #expect(result.findings.first?.session == nil)
  }

  @Test func quietWithoutAnRPO() throws {
    #expect(try AuditFixture.audit(nightly([0, 3])).findings.isEmpty)
  }

  @Test func quietWhileEveryGapIsWithinTheRPO() throws {
    let result = try AuditFixture.audit(nightly([0, 1, 2, 3, 4, 5]), configuration: configuration)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.count == 6)
  }
}
