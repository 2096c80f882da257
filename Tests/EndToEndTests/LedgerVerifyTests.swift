import Foundation
import TestSupport
import Testing

/// `ledger verify`: 0 intact, 2 a row changed or removed (named on standard error), 3 not a
/// ledger (SPEC §6, §11).
@Suite struct LedgerVerifyTests {
  /// A ledger of two runs over a cluster with a finding (a shard's thaw already resumed).
  static func ledger(in folder: TemporaryFolder) throws -> LedgerFile {
    let logs = TestLog.cluster { master, shard in
      master.clusterFreeze(at: 100, checkpoint: 7)
      shard.clusterFreeze(
        at: 100.3, checkpoint: 7, thaw: "Backup.General.ExternalThaw: Already resumed")
    }
    for (name, log) in logs { _ = try folder.write("logs/\(name)/messages.log", text: log.text) }
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    for _ in 0..<2 {
      let run = try CommandRunner.run(
        [
          "audit", folder.path + "/logs", "--ledger", ledger.path, "--tz", "UTC", "--report-time",
          AuditedCluster.time(9000),
        ])
      #expect(run.status == 2, "\(run.standardError)")
    }
    return ledger
  }

  @Test func anIntactLedgerExitsZeroWithItsLastRecordHash() throws {
    let folder = try TemporaryFolder()
    let ledger = try Self.ledger(in: folder)
    let run = try ledger.verify()
    #expect(run.status == 0)
    #expect(run.standardError == "")
    #expect(run.standardOutput.contains("intact; 2 runs"))
    let hash = try #require(run.standardOutput.split(separator: " ").last).trimmingCharacters(
      in: .whitespacesAndNewlines)
    #expect(hash.count == 64)
  }

  @Test(arguments: [
    (
      "UPDATE events SET text = replace(text, 'Already', 'System') WHERE id = (SELECT max(id) FROM events WHERE kind = 'already-resumed')",
      "changed: events row", "(run 1)"
    ),
    (
      "UPDATE finding_evidence SET line = line + 1 WHERE id = 1", "changed: finding_evidence row 1",
      "(run 1)"
    ),
    ("UPDATE sessions SET verdict = 'consistent'", "changed: sessions row 1", "(run 1)"),
    (
      "UPDATE inputs SET sha256 = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 2",
      "changed: inputs row 2", "(run 1)"
    ),
    ("UPDATE runs SET configuration = '{}' WHERE id = 2", "changed: runs row 2", "record hash"),
  ])
  func aChangedRowExitsTwoNamingIt(sql: String, table: String, run: String) throws {
    let folder = try TemporaryFolder()
    let ledger = try Self.ledger(in: folder)
    try ledger.tamper(sql)
    let result = try ledger.verify()
    #expect(result.status == 2)
    let lines = result.standardError.split(separator: "\n")
    #expect(lines.contains { $0.contains(table) && $0.contains(run) }, "\(result.standardError)")
    #expect(result.standardOutput.contains("TAMPERED"))
  }

  @Test(arguments: [
    ("DELETE FROM findings WHERE rule = 'already-resumed'", "removed: findings row"),
    ("DELETE FROM events WHERE id = 3", "removed: events row 3 (run 1)"),
    ("DELETE FROM session_members WHERE id = 2", "removed: session_members row 2 (run 1)"),
    ("DELETE FROM runs WHERE id = 1", "removed: runs row 1"),
  ])
  func aRemovedRowExitsTwoNamingIt(sql: String, expected: String) throws {
    let folder = try TemporaryFolder()
    let ledger = try Self.ledger(in: folder)
    let before = try ledger.rowCounts()
    try ledger.tamper(sql)
    #expect(try ledger.rowCounts() != before, "the edit removed a row")
    let result = try ledger.verify()
    #expect(result.status == 2)
    #expect(result.standardError.contains(expected), "\(result.standardError)")
  }

  @Test func aFileThatIsNotALedgerExitsThree() throws {
    let folder = try TemporaryFolder()
    let text = try folder.write("notes.txt", text: "a text file, not a database\n")
    let other = LedgerFile(path: folder.path + "/other.sqlite")
    try other.tamper("CREATE TABLE notes (text TEXT)")
    for path in [text, other.path, folder.path + "/missing.ledger"] {
      let verify = try CommandRunner.run(["ledger", "verify", path])
      #expect(verify.status == 3, "\(path)")
      #expect(verify.standardError.split(separator: "\n").count == 1, "\(verify.standardError)")
      let report = try CommandRunner.run(["report", "--ledger", path])
      #expect(report.status == 3, "\(path)")
    }
    #expect(!FileManager.default.fileExists(atPath: folder.path + "/missing.ledger"))
    let audit = try CommandRunner.run(["audit", text, "--ledger", text])
    #expect(audit.status == 3)
    #expect(try String(contentsOfFile: text, encoding: .utf8) == "a text file, not a database\n")
  }
}
