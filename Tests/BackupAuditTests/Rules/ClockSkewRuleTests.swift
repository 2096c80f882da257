import BackupAudit
import TestSupport
import Testing

struct ClockSkewRuleTests {
  /// Three members frozen together; the third's freeze begins at `third` seconds. Each logs its
  /// checkpoint 0.2 s after its freeze begins: 100.2 s, 100.5 s (the median) and `third + 0.2`.
  func logs(third: Double) -> [String: TestLog] {
    var logs = cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100.3, pid: 900)
    }
    var skewed = TestLog()
    skewed.noise(0)
    skewed.clusterFreeze(at: third, pid: 700)
    skewed.noise(4000)
    logs["shard2"] = skewed
    return logs
  }

  @Test func firesForTheMemberOffTheMedian() throws {
    let result = try AuditFixture.audit(logs(third: 105))
    #expect(AuditFixture.fired(.clockSkew, in: result) == ["shard2@cluster-freeze"])
    #expect(
      result.findings.first?.message == "clock 4.7 s ahead of the session median, tolerance 2 s")
    #expect(result.sessions.first?.members.last?.clockOffsetMilliseconds == 4700)
  }

  /// The tolerance is 2 s: exactly 2 s off is within it, 2.1 s is not.
  @Test(arguments: [(102.3, false), (102.4, true)])
  func firesOnlyPastTheTolerance(third: Double, fires: Bool) throws {
    let result = try AuditFixture.audit(logs(third: third))
    #expect(result.sessions.count == 1)
    #expect(AuditFixture.fired(.clockSkew, in: result) == (fires ? ["shard2@cluster-freeze"] : []))
  }

  @Test func firesForAMemberBehindTheMedian() throws {
    // Checkpoints at 97.2 s, 100.2 s and 100.5 s: the median is the master's.
    let result = try AuditFixture.audit(logs(third: 97))
    #expect(
      result.findings.first { $0.rule == .clockSkew }?.message
        == "clock 3 s behind the session median, tolerance 2 s")
  }

  @Test func silentForTwoMembersCloseTogether() throws {
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze)
    #expect(AuditFixture.fired(.clockSkew, in: result).isEmpty)
    #expect(result.sessions.first?.members.map(\.clockOffsetMilliseconds) == [-150, 150])
  }
}
