import BackupAudit
import TestSupport
import Testing

struct InsufficientEvidenceRuleTests {
  static let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z

  /// vm1's log covering `from` to `to` seconds, with a healthy freeze at 100 s when covered.
  func log(from: Double, to: Double) -> [String: TestLog] {
    var log = TestLog()
    log.noise(from)
    if from < 100 { log.clusterFreeze(at: 100, checkpoint: nil) }
    log.noise(to)
    return ["vm1": log]
  }

  @Test func firesWhenTheLogStartsAfterThePeriodStarts() throws {
    var configuration = AuditConfiguration()
    configuration.since = Self.base
    let result = try AuditFixture.audit(log(from: 200, to: 900), configuration: configuration)
    #expect(AuditFixture.fired(.insufficientEvidence, in: result) == ["vm1@-"])
    let finding = try #require(result.findings.first)
    #expect(
      finding.message
        == "log starts 2021-08-11T05:03:20.000Z, after the audited period's start 2021-08-11T05:00:00.000Z"
    )
    #expect(finding.severity == .unknown)
    #expect(result.summary.exitCode == 3)
  }

  @Test func firesWhenTheLogEndsBeforeThePeriodEnds() throws {
    var configuration = AuditConfiguration()
    configuration.until = Self.base + 4_000_000
    let result = try AuditFixture.audit(log(from: 0, to: 900), configuration: configuration)
    #expect(AuditFixture.fired(.insufficientEvidence, in: result) == ["vm1@-"])
    let finding = try #require(result.findings.first { $0.rule == .insufficientEvidence })
    #expect(
      finding.message
        == "log ends 2021-08-11T05:15:00.000Z, before the audited period's end 2021-08-11T06:06:40.000Z"
    )
    #expect(finding.epochMilliseconds == Self.base + 900_000)
  }

  @Test func firesForAClusterMemberWhoseLogMissesTheSession() throws {
    let result = try AuditFixture.audit(clusterWithLateShard)
    #expect(
      result.findings.first { $0.rule == .insufficientEvidence }?.message
        == "no evidence for shard1 during the session: its log covers 2021-08-11T05:50:00.000Z to "
        + "2021-08-11T06:06:40.000Z")
  }

  @Test func silentWhenTheLogsCoverThePeriodExactly() throws {
    var configuration = AuditConfiguration()
    configuration.since = Self.base
    configuration.until = Self.base + 4_000_000
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze, configuration: configuration)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
  }
}
