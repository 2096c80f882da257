import BackupAudit
import TestSupport
import Testing

struct FreezeNearTimeoutRuleTests {
  static let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z

  /// 80 % of the default 600 s timeout is 480 s; past the timeout it is `freeze-timeout-exceeded`.
  @Test(arguments: [(479.0, false), (481.0, true), (600.0, true), (601.0, false)])
  func firesBetweenEightyPercentAndTheTimeout(duration: Double, fires: Bool) throws {
    let result = try AuditFixture.audit(thawedFreeze(lasting: duration))
    #expect(
      AuditFixture.fired(.freezeNearTimeout, in: result) == (fires ? ["vm1@instance-freeze"] : []))
  }

  @Test func timeoutIsConfigurable() throws {
    var configuration = AuditConfiguration()
    configuration.freezeTimeoutMilliseconds = 900_000
    let result = try AuditFixture.audit(
      cluster { master, shard in
        master.clusterFreeze(at: 100, duration: 750)
        shard.clusterFreeze(at: 100, duration: 700, pid: 900)
      }, configuration: configuration)
    #expect(AuditFixture.fired(.freezeTimeoutExceeded, in: result).isEmpty)
    // 750 s is 83 % of 900 s; 700 s is 77 %, under the 80 % mark.
    #expect(AuditFixture.fired(.freezeNearTimeout, in: result) == ["master@cluster-freeze"])
    #expect(
      result.findings.first { $0.rule == .freezeNearTimeout }?.message
        == "frozen 750 s, 83 % of the 900 s timeout")
  }

  @Test func firesForAFreezeStillRunningPastEightyPercentAtTheReportTime() throws {
    // The log ends at 600 s, frozen since 100 s; the report is made then: 500 s, 83 %.
    var configuration = AuditConfiguration()
    configuration.reportTime = Self.base + 600_000
    let result = try AuditFixture.audit(
      frozenServer { $0.noise(600) }, configuration: configuration)
    #expect(AuditFixture.fired(.freezeNearTimeout, in: result) == ["vm1@instance-freeze"])
    #expect(
      result.findings.first?.message
        == "still frozen 500 s at report time, 83 % of the 600 s timeout, no thaw logged yet")
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
    #expect(result.sessions.first?.verdict == .inProgress)
  }

  @Test func silentForAFreezeStillRunningUnderEightyPercent() throws {
    // 400 s frozen at the report time: 66 %.
    var configuration = AuditConfiguration()
    configuration.reportTime = Self.base + 500_000
    let result = try AuditFixture.audit(
      frozenServer { $0.noise(500) }, configuration: configuration)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.first?.verdict == .inProgress)
  }
}
