import AuditReports
import BackupAudit
import BackupEvents

/// A hand-built audit of a three-server cluster plus a restored copy, with one session of each
/// kind and a finding of each severity: every field of every report has a value somewhere and
/// is null somewhere else.
enum ReportFixtures {
  /// 2021-08-11T03:49:43.233Z.
  static let start: Int64 = 1_628_653_783_233
  static let hour: Int64 = 3_600_000
  static let day: Int64 = 86_400_000

  static func report(_ result: AuditResult = result(), detail: ReportDetail = .findings)
    -> AuditReport
  {
    AuditReport(
      result: result, toolVersion: "0.1.0", generatedAt: start + 4 * day, detail: detail)
  }

  static func result(findings: [Finding] = findings()) -> AuditResult {
    var configuration = AuditConfiguration()
    configuration.rpoMilliseconds = 26 * hour
    configuration.members = ["master", "shard1", "shard2"]
    configuration.restoredServers = ["restore1": "master"]
    configuration.since = start - day
    return AuditResult(
      configuration: configuration, inputs: inputs(), servers: servers(), sessions: sessions(),
      findings: findings,
      summary: AuditSummary(
        status: .critical, exitCode: 2, sessions: 4,
        findingsBySeverity: ["critical": 1, "warning": 1, "unknown": 1],
        lastConsistentSession: "20210812T035000Z-cluster-quiesce"))
  }

  static func inputs() -> [AuditInput] {
    var master = AuditInput(server: "master", path: "cluster/master/messages.log")
    master.bytes = 48_213
    master.decodedBytes = 48_213
    master.lines = 512
    master.entries = 498
    master.unparsedLines = 2
    master.firstEpochMilliseconds = start - day
    master.lastEpochMilliseconds = start + 3 * day
    master.sha256 = String(repeating: "ab", count: 32)
    var rotated = AuditInput(server: "shard1", path: "cluster/shard1/messages.old_20210810.gz")
    rotated.bytes = 9_120
    rotated.decodedBytes = 40_960
    rotated.lines = 400
    rotated.entries = 400
    rotated.duplicateEntries = 12
    rotated.firstEpochMilliseconds = start - 2 * day
    rotated.lastEpochMilliseconds = start - day
    var shard1 = AuditInput(server: "shard1", path: "cluster/shard1/messages.log")
    shard1.bytes = 51_002
    shard1.decodedBytes = 51_002
    shard1.lines = 530
    shard1.entries = 530
    shard1.firstEpochMilliseconds = start - day
    shard1.lastEpochMilliseconds = start + 3 * day
    shard1.sha256 = String(repeating: "01", count: 32)
    var shard2 = AuditInput(server: "shard2", path: "cluster/shard2/messages.log")
    shard2.failure = "permission denied"
    var restore = AuditInput(server: "restore1", path: "cluster/restore1/messages.log")
    restore.bytes = 1_024
    restore.decodedBytes = 1_024
    restore.lines = 12
    restore.entries = 9
    restore.legacyYearSource = "configuration (2021)"
    restore.firstEpochMilliseconds = start
    restore.lastEpochMilliseconds = start + 2 * day
    return [master, rotated, shard1, shard2, restore]
  }

  static func servers() -> [ServerCoverage] {
    [
      ServerCoverage(
        name: "master", timeZone: "Europe/Berlin", from: start - day, to: start + 3 * day),
      ServerCoverage(name: "shard1", timeZone: "UTC", from: start - 2 * day, to: start + 3 * day),
      ServerCoverage(name: "shard2", timeZone: "America/New_York", from: nil, to: nil),
      ServerCoverage(
        name: "restore1", timeZone: "Europe/Berlin", from: start, to: start + 2 * day,
        isRestored: true),
    ]
  }

  static func sessions() -> [Session] {
    var master = SessionMember(server: "master")
    master.freezeBegin = start
    master.frozen = start + 1_204
    master.thawBegin = start + 812_000
    master.thawed = start + 812_345
    master.durationSeconds = 812.345
    master.journalFile = "/iris/journal1/20210811.003"
    master.checkpoint = 1042
    master.clockOffsetMilliseconds = 0
    var shard1 = SessionMember(server: "shard1")
    shard1.freezeBegin = start + 250
    shard1.frozen = start + 1_500
    shard1.thawBegin = start + 30_000
    shard1.durationSeconds = nil
    shard1.journalFile = "/iris/journal/20210811.012"
    shard1.checkpoint = 1042
    shard1.clockOffsetMilliseconds = 250
    let freeze = Session(
      id: "20210811T034943Z-cluster-freeze", kind: .clusterFreeze, start: start,
      end: start + 812_345, checkpoint: 1042, verdict: .inconsistent, members: [master, shard1],
      restoreTests: [
        RestoreTest(server: "restore1", restoredFrom: "master", restoredAt: start + hour)
      ])
    let quiesceStart = start + day + 16_767
    let quiesce = Session(
      id: "20210812T035000Z-cluster-quiesce", kind: .clusterQuiesce, start: quiesceStart,
      end: quiesceStart + 42_100, checkpoint: nil, verdict: .consistent,
      members: ["master", "shard1"].map { name in
        var member = SessionMember(server: name)
        member.quiesced = quiesceStart + 1_000
        member.resumed = quiesceStart + 42_100
        member.durationSeconds = 41.1
        return member
      })
    let checkpoint = Session(
      id: "20210813T020000Z-journal-checkpoint", kind: .journalCheckpoint,
      start: start + 2 * day, end: start + 2 * day + 3_000, checkpoint: 1043, verdict: .degraded,
      members: [])
    let instance = Session(
      id: "20210814T013000Z-instance-freeze", kind: .instanceFreeze, start: start + 3 * day,
      end: start + 3 * day + 60_000, checkpoint: nil, verdict: .unknown, members: [])
    return [freeze, quiesce, checkpoint, instance]
  }

  static func findings() -> [Finding] {
    [
      Finding(
        rule: .freezeTimeoutExceeded, severity: .critical, server: "master",
        session: "20210811T034943Z-cluster-freeze", epochMilliseconds: start,
        message: "frozen 812.345 s, timeout 600 s",
        evidence: [
          Evidence(
            path: "cluster/master/messages.log", line: 120,
            text: "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: "
              + "Suspending system"),
          Evidence(
            path: "cluster/master/messages.log", line: 131,
            text: "08/11/21-06:03:15:578 (18390) 0 [Utility.Event] Backup.General.ExternalThaw: "
              + "System resumed"),
        ]),
      Finding(
        rule: .clockSkew, severity: .warning, server: "shard1",
        session: "20210813T020000Z-journal-checkpoint", epochMilliseconds: start + 2 * day,
        message: "checkpoint 2.5 s after the session median, tolerance 2 s",
        evidence: [
          Evidence(
            path: "cluster/shard1/messages.log", line: 301,
            text: "08/13/21-02:00:02:500 (4410) 0 [Utility.Event] "
              + "Backup.ShardedCluster.JournalCheckpoint: Checkpoint 1043 ends journal file "
              + "/iris/journal/20210813.002")
        ]),
      Finding(
        rule: .insufficientEvidence, severity: .unknown, server: "shard2", session: nil,
        epochMilliseconds: start - day,
        message: "cannot read cluster/shard2/messages.log: permission denied", evidence: []),
    ]
  }
}
