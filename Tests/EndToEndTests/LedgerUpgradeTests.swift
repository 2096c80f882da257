import Foundation
import TestSupport
import Testing

/// A ledger of schema v1, written before the incremental reading (`Fixtures/ledger-v1`): this
/// version verifies and reports it as it is, without writing to it, and the first run that
/// records in it upgrades it; nothing recorded before changes, and later runs read incrementally.
@Suite struct LedgerUpgradeTests {
  static let fixture = EventReading.packagePath("Tests/EndToEndTests/Fixtures/ledger-v1")
  static let reportTime = "2021-08-12T00:00:00Z"

  /// The fixture's ledger and logs in a new folder.
  static func copy() throws -> (folder: TemporaryFolder, ledger: LedgerFile) {
    let folder = try TemporaryFolder()
    for name in ["audit.ledger", "logs"] {
      try FileManager.default.copyItem(
        atPath: fixture + "/" + name, toPath: folder.path + "/" + name)
    }
    return (folder, LedgerFile(path: folder.path + "/audit.ledger"))
  }

  @Test func aVersion1LedgerVerifiesAndReportsWithoutBeingWritten() throws {
    let (folder, ledger) = try Self.copy()
    let before = try Data(contentsOf: URL(fileURLWithPath: ledger.path))
    let verify = try ledger.verify()
    #expect(verify.status == 0, "\(verify.standardError)")
    #expect(verify.standardOutput.contains("intact; 1 runs"))
    let report = try CommandRunner.run(
      ["report", "--ledger", ledger.path, "--format", "json", "--report-time", Self.reportTime])
    #expect(report.status == 0, "\(report.standardError)")
    #expect(try Essence(report.standardOutput).verdicts == ["consistent"])
    #expect(try Data(contentsOf: URL(fileURLWithPath: ledger.path)) == before)
    #expect(try ledger.texts("SELECT identifier FROM grdb_migrations") == ["v1"])
    _ = folder
  }

  @Test func theFirstRunUpgradesItAndLaterRunsReadOnlyNewBytes() throws {
    let (folder, ledger) = try Self.copy()
    let logs = folder.path + "/logs"
    let events = try #require(try ledger.rowCounts()["events"])
    let upgrade = try ledger.audit(logs, at: Self.reportTime)
    #expect(upgrade.status == 0, "\(upgrade.standardError)")
    #expect(try ledger.texts("SELECT identifier FROM grdb_migrations") == ["v1", "v2", "v3"])
    // The logs are the ones run 1 read (copied: other paths, other inodes): nothing new.
    #expect(try ledger.rowCounts()["events"] == events)
    let verified = try ledger.verify()
    #expect(verified.status == 0, "\(verified.standardError)")
    #expect(verified.standardOutput.contains("intact; 2 runs"))

    var freeze = TestLog()
    freeze.clusterFreeze(at: 5000, checkpoint: 9)
    try LedgerFile.append(freeze.text, to: logs + "/master/messages.log")
    var shard = TestLog()
    shard.clusterFreeze(at: 5000.2, checkpoint: 9)
    try LedgerFile.append(shard.text, to: logs + "/shard1/messages.log")
    let run = try ledger.audit(logs, at: Self.reportTime)
    let report = try Essence(run.standardOutput)
    #expect(report.verdicts == ["consistent", "consistent"], "\(run.standardError)")
    let read = report.inputs.filter { $0.path.hasPrefix(logs) }
    #expect(read.count == 2 && read.allSatisfy { ($0.reading?.from ?? 0) > 0 }, "\(read)")
    let direct = try CommandRunner.run(
      ["audit", logs, "--format", "json", "--tz", "UTC", "--report-time", Self.reportTime])
    #expect(report == (try Essence(direct.standardOutput)))
    #expect(try ledger.verify().status == 0)
  }
}
