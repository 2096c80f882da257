import TestSupport
import Testing

/// Issue 11, point 3: a backup still running is `in-progress`, then a warning past 80 % of the
/// timeout, then critical past it: never critical while healthy.
struct InProgressTests {
  /// A freeze that began at 100 s and was frozen at 100.5 s; the log ends at 130 s.
  static var runningFreeze: [String: TestLog] {
    var log = TestLog()
    log.noise(0)
    log.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 200)
    log.noise(130)
    return ["vm1": log]
  }

  @Test func sixtySecondsInIsInProgressAndOK() throws {
    let cluster = try AuditedCluster(Self.runningFreeze)
    let report = try cluster.audit(reportAt: 161)
    #expect(report.verdict(0) == "in-progress")
    #expect(report.findings.isEmpty, "\(report.fired)")
    #expect(report.status == 0)
    let nagios = try cluster.run([
      "audit", cluster.folder.path, "--tz", "UTC", "--format", "nagios",
      "--report-time", AuditedCluster.time(161),
    ])
    #expect(nagios.status == 0)
    #expect(
      nagios.standardOutput.hasPrefix("IRIS BACKUP OK - backup in progress: frozen 61 s of 600 s"),
      "\(nagios.standardOutput)")
  }

  @Test func pastEightyPercentIsAWarningStillInProgress() throws {
    let report = try AuditedCluster(Self.runningFreeze).audit(reportAt: 600)
    #expect(report.verdict(0) == "in-progress")
    #expect(report.fired == ["freeze-near-timeout vm1"])
    #expect(report.status == 1)
  }

  @Test func pastTheTimeoutIsNeverThawed() throws {
    let report = try AuditedCluster(Self.runningFreeze).audit(reportAt: 701)
    #expect(report.verdict(0) == "inconsistent")
    #expect(report.fired == ["never-thawed vm1"])
    #expect(report.status == 2)
  }

  @Test func aThawBegunButUnconfirmedIsInProgressThenUnconfirmed() throws {
    var logs = Self.runningFreeze
    logs["vm1"]!.add(125, "Backup.General.ExternalThaw: Resuming system", pid: 201)
    let cluster = try AuditedCluster(logs)
    #expect(try cluster.audit(reportAt: 200).verdict(0) == "in-progress")
    let late = try cluster.audit(reportAt: 800)
    #expect(late.fired == ["thaw-unconfirmed vm1"])
    #expect(!late.fired.contains("never-thawed vm1"))
  }

  @Test func lastExitsUnknownWhileInProgress() throws {
    let cluster = try AuditedCluster(Self.runningFreeze)
    let run = try cluster.run([
      "audit", "--last", cluster.folder.path, "--tz", "UTC", "--report-time",
      AuditedCluster.time(142),
    ])
    #expect(run.status == 3)
    #expect(
      run.standardOutput.contains(": still in progress, frozen 42 s, no thaw logged yet"),
      "\(run.standardOutput)")
  }
}
