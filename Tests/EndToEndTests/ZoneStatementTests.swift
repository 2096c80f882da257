import TestSupport
import Testing

/// Issue 11, point 5: a server's `instance-start` lines state its UTC time; a zone that
/// misreads it is reported, and the server's times follow what the log states.
struct ZoneStatementTests {
  /// `Instance 'IRIS' starting on node … on <utc> UTC` at `second` of the local log.
  static func instanceStart(_ log: inout TestLog, at second: Double, utc: String) {
    log.add(
      second, "Instance 'IRIS' starting on node \(second) by user irisowner on \(utc) UTC",
      pid: 40, category: "Generic.Event")
  }

  /// The master writes in UTC, shard1 in Asia/Kolkata (+05:30); both freeze at 06:00 UTC.
  static var cluster: [String: TestLog] {
    var master = TestLog()
    instanceStart(&master, at: 0, utc: "08/11/2021 05:00:00.000")
    master.clusterFreeze(at: 3600)
    master.noise(8000)
    var shard = TestLog()
    instanceStart(&shard, at: 19_800, utc: "08/11/2021 05:00:00.000")
    shard.clusterFreeze(at: 23_400.2, pid: 900)
    shard.noise(27_800)
    return ["master": master, "shard1": shard]
  }

  @Test func aMisreadZoneIsReportedAndCorrected() throws {
    let report = try AuditedCluster(Self.cluster).audit()  // read with --tz UTC
    #expect(report.sessions.count == 1, "\(report.sessions.map { $0["id"] ?? "" })")
    #expect(report.fired == ["zone-mismatch shard1"])
    #expect(report.findings.first?["message"] as? String ?? "" != "")
    let offsets = report.servers.map { "\($0["name"] ?? "") \($0["stated_utc_offset"] ?? "-")" }
    #expect(offsets == ["master +00:00", "shard1 +05:30"])
    #expect(report.status == 1)
  }

  @Test func theRightZoneGivesNoFinding() throws {
    let cluster = try AuditedCluster(Self.cluster)
    try cluster.folder.write(
      "cluster.toml",
      text: """
        [[servers]]
        name = "master"
        timezone = "UTC"
        role = "master"

        [[servers]]
        name = "shard1"
        timezone = "Asia/Kolkata"
        role = "shard"
        """)
    let run = try cluster.run([
      "audit", cluster.folder.path, "--format", "json", "--report-time", "2021-09-01T00:00:00Z",
    ])
    #expect(run.status == 0, "\(run.standardOutput)\n\(run.standardError)")
  }
}
