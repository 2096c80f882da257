import TestSupport
import Testing

/// Issue 11, point 4: a restored copy whose log begins at "System suspended" (as the public
/// Azure restore example's does) is linked to the session its snapshot came from.
struct RestoredCopyTests {
  @Test func aCopyStartingAtSystemSuspendedIsLinked() throws {
    var logs = TestLog.clusterWithOneFreeze
    var copy = TestLog()
    copy.add(100.8, "Backup.General.ExternalFreeze: System suspended", pid: 900)
    copy.raw("")
    copy.raw("*** Recovery started at Wed Aug 11 09:00:00 2021")
    copy.raw("Exiting with status 3 (Success)")
    copy.noise(15_000)
    logs["restore1"] = copy
    let report = try AuditedCluster(logs)
      .audit(["--restored", "restore1"])
    #expect(report.sessions.count == 1)
    let tests = report.sessions.first?["restore_tests"] as? [[String: Any]] ?? []
    #expect(tests.map { $0["server"] as? String } == ["restore1"], "\(report.sessions)")
    #expect(report.findings.isEmpty, "\(report.fired)")
  }
}
