import BackupAudit
import BackupEvents
import EvidenceLedger
import TestSupport

/// Runs to record: a cluster freeze read from hand-made logs, and its audit.
enum LedgerFixture {
  /// A master and a shard, each with `freezes` cluster freezes an hour apart.
  static func readings(freezes: Int = 1) throws -> [ServerReading] {
    let logs = TestLog.cluster { master, shard in
      for index in 0..<freezes {
        master.clusterFreeze(at: 100 + Double(index) * 3600, checkpoint: 40 + index)
        shard.clusterFreeze(at: 100.2 + Double(index) * 3600, checkpoint: 40 + index)
      }
    }
    return try logs.keys.sorted().map { name in
      try EventReading.read(logs[name]!.text, server: name)
    }
  }

  /// A run of `readings` and their audit.
  static func run(_ readings: [ServerReading]? = nil) throws -> LedgerRun {
    let readings = try readings ?? Self.readings()
    let result = Auditor(configuration: AuditConfiguration()).audit(readings)
    return LedgerRun(
      toolVersion: "test", startedAt: 1, finishedAt: 2, reportTime: 3, configuration: "{}",
      readings: readings, sessions: result.sessions, findings: result.findings)
  }
}
