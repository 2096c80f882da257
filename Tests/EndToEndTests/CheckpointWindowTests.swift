import TestSupport
import Testing

/// Issue 11, point 1: a checkpoint number joins episodes only within one backup window.
struct CheckpointWindowTests {
  /// Two nights a day apart; on the first, shard2 logs the next night's number.
  static func twoNights(shard2FirstNight: Int) -> [String: TestLog] {
    var logs: [String: TestLog] = [:]
    for (index, name) in ["master", "shard1", "shard2"].enumerated() {
      var log = TestLog()
      log.noise(0)
      let first = name == "shard2" ? shard2FirstNight : 42
      log.clusterFreeze(at: 100 + Double(index) * 0.2, checkpoint: first, pid: 200 + index * 10)
      log.clusterFreeze(at: 86_500 + Double(index) * 0.2, checkpoint: 43, pid: 700 + index * 10)
      log.noise(90_000)
      logs[name] = log
    }
    return logs
  }

  @Test func aShardLoggingTheNextNightsNumberIsOneMismatchNotAMergedSession() throws {
    let report = try AuditedCluster(Self.twoNights(shard2FirstNight: 43)).audit()
    #expect(report.sessions.count == 2, "\(report.sessions.map { $0["id"] ?? "" })")
    #expect(report.sessions.map { $0["checkpoint"] as? Int } == [42, 43])
    #expect(report.fired(inSession: 0) == ["checkpoint-mismatch shard2"])
    #expect(report.fired(inSession: 1).isEmpty)
    #expect(report.verdict(1) == "consistent")
  }

  @Test func aCounterThatWentBackIsOneMismatch() throws {
    // A restored shard's counter went back to the previous night's number.
    let report = try AuditedCluster(Self.twoNights(shard2FirstNight: 41)).audit()
    #expect(report.sessions.count == 2)
    #expect(report.fired == ["checkpoint-mismatch shard2"])
  }
}
