import BackupAudit
import BackupEvents
import LogReading
import TestSupport
import Testing

/// `AuditResult.judgedAtReportTime`: true exactly when the result may change with the report
/// time; when false, the audit at any later report time is the same result. The evidence
/// ledger reports a recorded audit on that promise.
struct AuditResultTests {
  /// A cluster freeze at 100 s that never thawed.
  static var openFreeze: [String: TestLog] {
    TestLog.cluster { master, shard in
      for (log, pid) in [(0, 200), (1, 900)] {
        let second = 100 + Double(log) * 0.3
        var lines = TestLog()
        lines.add(second, "Backup.General.ExternalFreeze: Suspending system", pid: pid)
        lines.add(second + 0.5, "Backup.General.ExternalFreeze: System suspended", pid: pid)
        for line in lines.lines {
          if log == 0 { master.raw(line) } else { shard.raw(line) }
        }
      }
    }
  }

  @Test func aFreezeWithinItsTimeoutIsJudgedAtTheReportTimeAndOnePastItIsNot() throws {
    // The evidence ends at 4000 s, 3900 s after the freeze: a timeout of two hours it is within.
    var configuration = AuditConfiguration()
    configuration.freezeTimeoutMilliseconds = 7_200_000
    let end = try #require(try AuditFixture.audit(Self.openFreeze).servers.compactMap(\.to).max())
    configuration.reportTime = end + 60_000
    let during = try AuditFixture.audit(Self.openFreeze, configuration: configuration)
    #expect(during.sessions.map(\.verdict) == [.inProgress])
    #expect(during.judgedAtReportTime)
    configuration.reportTime = end + 7_200_000
    let after = try AuditFixture.audit(Self.openFreeze, configuration: configuration)
    #expect(
      AuditFixture.fired(.neverThawed, in: after) == ["master@cluster-freeze", "shard1@cluster-freeze"])
    #expect(!after.judgedAtReportTime)
  }

  @Test func withoutAReportTimeAResultIsJudgedAtNone() throws {
    let result = try AuditFixture.audit(TestLog.clusterWithOneFreeze)
    #expect(result.sessions.map(\.verdict) == [.consistent])
    #expect(result.judgedAtReportTime, "a report time may find an episode in progress")
  }

  /// Every result not judged at its report time is the audit at a report time a day or a year
  /// later, but for that time.
  @Test(arguments: ["faulty-month", "clean-week", "mixed-layouts", "quarter"])
  func aResultNotJudgedAtItsReportTimeHoldsForEveryLaterOne(sample: String) throws {
    let servers = try ServerDiscovery.discover(paths: [EventReading.packagePath("Samples/\(sample)")])
    let readings = ServerLogReader.readAll(servers, options: { _ in EventReading.options() })
    let end = try #require(readings.flatMap(\.inputs).compactMap(\.lastEpochMilliseconds).max())
    try expectHolds(readings, from: end + 86_400_000)
  }

  @Test func anOpenFreezePastItsTimeoutHoldsForEveryLaterReportTime() throws {
    let readings = try Self.openFreeze.keys.sorted().map { name in
      try EventReading.read(Self.openFreeze[name]!.text, server: name)
    }
    let end = try #require(readings.flatMap(\.inputs).compactMap(\.lastEpochMilliseconds).max())
    try expectHolds(readings, from: end)
  }

  private func expectHolds(_ readings: [ServerReading], from reportTime: Int64) throws {
    var configuration = AuditConfiguration()
    configuration.reportTime = reportTime
    let result = Auditor(configuration: configuration).audit(readings)
    #expect(!result.judgedAtReportTime)
    for later in [reportTime + 86_400_000, reportTime + 365 * 86_400_000] {
      configuration.reportTime = later
      var audited = Auditor(configuration: configuration).audit(readings)
      #expect(audited.configuration.reportTime == later)
      audited.configuration.reportTime = reportTime
      #expect(audited == result)
    }
  }
}
