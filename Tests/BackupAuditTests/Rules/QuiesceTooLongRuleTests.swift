import BackupAudit
import TestSupport
import Testing

struct QuiesceTooLongRuleTests {
  /// Quiesced `length + 0.1` seconds; the default limit is 300 s.
  @Test(arguments: [(299.0, false), (301.0, true)])
  func firesPastTheLimit(length: Double, fires: Bool) throws {
    let result = try AuditFixture.audit(
      cluster { master, shard in
        quiesce(&master, at: 100, length: length)
        quiesce(&shard, at: 100, length: length)
      })
    #expect(
      AuditFixture.fired(.quiesceTooLong, in: result)
        == (fires ? ["master@cluster-quiesce", "shard1@cluster-quiesce"] : []))
  }

  @Test func theLimitIsConfigurableAndNamedInTheMessage() throws {
    var configuration = AuditConfiguration()
    configuration.maxQuiesceMilliseconds = 20_000
    let result = try AuditFixture.audit(
      cluster { master, shard in
        quiesce(&master, at: 100, length: 30)
        quiesce(&shard, at: 100, length: 10)
      }, configuration: configuration)
    #expect(AuditFixture.fired(.quiesceTooLong, in: result) == ["master@cluster-quiesce"])
    #expect(
      result.findings.first { $0.rule == .quiesceTooLong }?.message == "quiesced 30 s, limit 20 s")
  }
}
