import BackupAudit
import TestSupport
import Testing

struct FreezeTimeoutExceededRuleTests {
  /// The default timeout is 600 s: a freeze of exactly 600 s is within it.
  @Test(arguments: [(479.0, false), (481.0, false), (600.0, false), (601.0, true)])
  func firesPastTheTimeout(duration: Double, fires: Bool) throws {
    let result = try AuditFixture.audit(thawedFreeze(lasting: duration))
    #expect(
      AuditFixture.fired(.freezeTimeoutExceeded, in: result)
        == (fires ? ["vm1@instance-freeze"] : []))
  }

  @Test func theMessageCarriesTheLengthAndTheTimeout() throws {
    let result = try AuditFixture.audit(thawedFreeze(lasting: 601))
    let finding = try #require(result.findings.first { $0.rule == .freezeTimeoutExceeded })
    #expect(finding.message == "frozen 601 s, timeout 600 s")
    #expect(finding.severity == .critical)
    // noise (1), freeze-begin (2), suspended (3), thawed (4)
    #expect(finding.evidence.map(\.line) == [2, 4])
  }

  @Test func internalResumeDoesNotEndTheFreeze() throws {
    // Its "System resumed" comes 0.3 s in; the thaw 700 s later must still be measured.
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.clusterFreeze(at: 100, duration: 700)
        shard.clusterFreeze(at: 100, duration: 700, pid: 900)
      })
    #expect(
      AuditFixture.fired(.freezeTimeoutExceeded, in: result) == [
        "master@cluster-freeze", "shard1@cluster-freeze",
      ])
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
    #expect(AuditFixture.fired(.resumeWithoutQuiesce, in: result).isEmpty)
  }

  @Test func timeoutIsConfigurable() throws {
    var configuration = AuditConfiguration()
    configuration.freezeTimeoutMilliseconds = 900_000
    let result = try AuditFixture.audit(thawedFreeze(lasting: 750), configuration: configuration)
    #expect(AuditFixture.fired(.freezeTimeoutExceeded, in: result).isEmpty)
    configuration.freezeTimeoutMilliseconds = 700_000
    let shorter = try AuditFixture.audit(thawedFreeze(lasting: 750), configuration: configuration)
    #expect(
      shorter.findings.first { $0.rule == .freezeTimeoutExceeded }?.message
        == "frozen 750 s, timeout 700 s")
  }
}
