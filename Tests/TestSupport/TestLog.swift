import BackupAudit
import BackupEvents
import Foundation
import LogReading

/// Builds small IRIS logs for tests: lines at seconds after 2021-08-11 05:00:00 (UTC by default).
public struct TestLog {
  public private(set) var lines: [String] = []

  public init() {}

  /// `08/11/21-HH:MM:SS:mmm (pid) severity [category] message` at `second` (fractions allowed).
  public mutating func add(
    _ second: Double, _ message: String, pid: Int = 100, severity: Int = 0,
    category: String = "Utility.Event"
  ) {
    lines.append("\(Self.timestamp(second)) (\(pid)) \(severity) [\(category)] \(message)")
  }

  /// A raw line, as is.
  public mutating func raw(_ line: String) {
    lines.append(line)
  }

  /// The timestamp `second` seconds after 2021-08-11 05:00:00, rolling over midnight.
  public static func timestamp(_ second: Double) -> String {
    let milliseconds = Int((second * 1000).rounded())
    let day = 11 + milliseconds / 86_400_000
    let ofDay = milliseconds % 86_400_000 + 5 * 3_600_000
    return String(
      format: "08/%02d/21-%02d:%02d:%02d:%03d", day + ofDay / 86_400_000, ofDay / 3_600_000 % 24,
      ofDay / 60_000 % 60, ofDay / 1000 % 60, ofDay % 1000)
  }

  /// A sharded ExternalFreeze at `second` lasting `duration` seconds, with checkpoint `checkpoint`.
  public mutating func clusterFreeze(
    at second: Double, duration: Double = 60, checkpoint: Int? = 42, pid: Int = 200,
    thaw: String = "Backup.General.ExternalThaw: System resumed"
  ) {
    add(second, "Backup.General.ExternalFreeze: Suspending system", pid: pid)
    internalCheckpoint(at: second + 0.1, checkpoint: checkpoint, pid: pid)
    add(second + 0.5, "Backup.General.ExternalFreeze: System suspended", pid: pid)
    add(second + duration - 0.1, "Backup.General.ExternalThaw: Resuming system", pid: pid + 1)
    add(second + duration, thaw, pid: pid + 1)
  }

  /// JournalCheckpoint's quiesce, switch, checkpoint line and resume at `second`.
  public mutating func internalCheckpoint(at second: Double, checkpoint: Int?, pid: Int = 300) {
    add(second, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: pid)
    add(second + 0.05, "Backup.ShardedCluster.Quiesce: System quiesced", pid: pid)
    if let checkpoint {
      add(
        second + 0.1,
        "Backup.ShardedCluster.JournalCheckpoint: Checkpoint \(checkpoint) ends journal file /j/20210811.00\(checkpoint % 10)",
        pid: pid)
    }
    add(second + 0.15, "Backup.ShardedCluster.Resume: Resuming system", pid: pid)
    add(second + 0.2, "Backup.ShardedCluster.Resume: System resumed", pid: pid)
  }

  /// An ordinary line, so that the log covers `second`.
  public mutating func noise(_ second: Double) {
    add(second, "LMF Info:  Licensed for 16 users.", pid: 50)
  }

  /// The log's text.
  public var text: String { lines.joined(separator: "\n") + "\n" }

  /// A master and a shard whose logs cover 0 to 4000 s, with `edit`'s lines between.
  public static func cluster(_ edit: (inout TestLog, inout TestLog) -> Void) -> [String: TestLog] {
    var master = TestLog()
    var shard = TestLog()
    master.noise(0)
    shard.noise(0)
    edit(&master, &shard)
    master.noise(4000)
    shard.noise(4000)
    return ["master": master, "shard1": shard]
  }

  /// `cluster` with one sharded freeze at 100 s (the shard 0.3 s later).
  public static var clusterWithOneFreeze: [String: TestLog] {
    cluster { master, shard in
      master.clusterFreeze(at: 100)
      shard.clusterFreeze(at: 100.3, pid: 900)
    }
  }
}

/// Audits hand-made logs.
public enum AuditFixture {
  /// Writes each server's log, reads them in UTC, and audits them (only the most recent
  /// session when `lastSessionOnly`, as `audit --last` does).
  public static func audit(
    _ logs: [String: TestLog], configuration: AuditConfiguration = AuditConfiguration(),
    zone: String = "UTC", lastSessionOnly: Bool = false
  ) throws -> AuditResult {
    let folder = try TemporaryFolder()
    let servers = try logs.keys.sorted().map { name in
      ServerInput(name: name, files: [try folder.write("\(name)/messages.log", text: logs[name]!.text)])
    }
    let readings = ServerLogReader.readAll(servers, options: { _ in EventReading.options(zone) })
    let auditor = Auditor(configuration: configuration)
    return lastSessionOnly ? auditor.auditLastSession(readings) : auditor.audit(readings)
  }

  /// The findings of `rule` as `server@session-kind` strings, for compact expectations.
  public static func fired(_ rule: RuleID, in result: AuditResult) -> [String] {
    result.findings.filter { $0.rule == rule }.map { finding in
      let kind = result.sessions.first { $0.id == finding.session }?.kind.rawValue ?? "-"
      return "\(finding.server ?? "*")@\(kind)"
    }
  }
}
