import BackupAudit
import BackupEvents
import Foundation
import GRDB
import TestSupport
import Testing

@testable import EvidenceLedger

/// A run that adds no evidence reports the audit an earlier run recorded of the same evidence,
/// with the same configuration, at or before its report time; in every other case it audits
/// the history, and bytes that are not the recorded snapshot are passed by.
struct SnapshotStoreTests {
  /// A ledger and the runs recorded in it, counting the audits of its history.
  final class Runs {
    let folder: TemporaryFolder
    let ledger: Ledger
    var audits = 0

    init() throws {
      folder = try TemporaryFolder()
      ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    }

    /// Records `readings` at `reportTime` with `basis`; the audit `judged` says it is judged
    /// at its report time when true.
    func record(
      _ readings: [ServerReading], at reportTime: Int64, basis: String = "tool test",
      judged: Bool = false
    ) throws -> Ledger.Recorded {
      var configuration = AuditConfiguration()
      configuration.reportTime = reportTime
      let key = AuditSnapshotKey(basis: basis, configuration: configuration, reportTime: reportTime)
      var run = try LedgerFixture.run(readings)
      return try ledger.record(&run, snapshot: key) { history in
        self.audits += 1
        var result = Auditor(configuration: configuration).audit(history)
        result.judgedAtReportTime = result.judgedAtReportTime || judged
        return result
      }
    }
  }

  @Test func aRunThatAddsNoEvidenceReportsTheRecordedAudit() throws {
    let runs = try Runs()
    let readings = try LedgerFixture.readings(freezes: 2)
    let first = try runs.record(readings, at: 10_000_000_000_000)
    #expect(first.rows["audit_snapshots"] == 1 && first.reusedRun == nil)
    let counts = try runs.ledger.rowCounts()
    let second = try runs.record(readings, at: 10_000_086_400_000)
    #expect(runs.audits == 1, "the history was not audited again")
    #expect(second.reusedRun == 1)
    #expect(second.rows == [:] && second.warnings.isEmpty)
    var expected = try #require(first.result)
    expected.configuration.reportTime = 10_000_086_400_000
    #expect(second.result == expected)
    #expect(expected.sessions.count == 2)
    var afterRerun = counts
    afterRerun["runs", default: 0] += 1
    #expect(try runs.ledger.rowCounts() == afterRerun)
    #expect(try LedgerVerifier.verify(path: runs.ledger.path).isIntact)
  }

  @Test func aSnapshotServesNoEarlierReportTimeNoOtherBasisAndNoOtherEvidence() throws {
    let runs = try Runs()
    let one = try LedgerFixture.readings(freezes: 1)
    _ = try runs.record(one, at: 10_000_000_000_000)
    let earlier = try runs.record(one, at: 9_000_000_000_000)
    #expect(earlier.reusedRun == nil && runs.audits == 2)
    let other = try runs.record(one, at: 10_000_000_000_000, basis: "tool other")
    #expect(other.reusedRun == nil && runs.audits == 3)
    let two = try LedgerFixture.readings(freezes: 2)
    let more = try runs.record(two, at: 10_000_000_000_000)
    #expect(more.reusedRun == nil && runs.audits == 4)
    #expect(more.result?.sessions.count == 2)
    // Each of those audits made its own snapshot; the latest is used.
    let again = try runs.record(two, at: 10_000_000_000_001)
    #expect(again.reusedRun == 4 && runs.audits == 4)
    #expect(try LedgerVerifier.verify(path: runs.ledger.path).isIntact)
  }

  @Test func theRunsReadingsAreEmptiedOnceRecorded() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    let readings = try LedgerFixture.readings()
    var run = try LedgerFixture.run(readings)
    var configuration = AuditConfiguration()
    configuration.reportTime = 10_000_000_000_000
    let key = AuditSnapshotKey(basis: "tool test", configuration: configuration, reportTime: 10_000_000_000_000)
    var history: [ServerReading] = []
    _ = try ledger.record(&run, snapshot: key) { loaded in
      history = loaded
      return Auditor(configuration: configuration).audit(loaded)
    }
    #expect(run.readings.isEmpty, "the events leave memory before the history is audited")
    #expect(history.flatMap(\.events).count == readings.flatMap(\.events).count)
  }

  @Test func aResultJudgedAtItsReportTimeIsNotKept() throws {
    let runs = try Runs()
    let readings = try LedgerFixture.readings()
    let first = try runs.record(readings, at: 10_000_000_000_000, judged: true)
    #expect(first.rows["audit_snapshots"] == nil)
    let second = try runs.record(readings, at: 10_000_000_000_000)
    #expect(second.reusedRun == nil && runs.audits == 2)
    #expect(second.rows == ["audit_snapshots": 1])
  }

  @Test func changedSnapshotBytesArePassedByAndNamedByVerify() throws {
    let runs = try Runs()
    let readings = try LedgerFixture.readings()
    let first = try runs.record(readings, at: 10_000_000_000_000)
    var changed = try #require(first.result)
    #expect(changed.sessions.count == 1)
    changed.sessions = []
    let database = try DatabaseQueue(path: runs.ledger.path)
    try database.write { db in
      try db.execute(
        sql: "UPDATE audit_snapshot_data SET data = ?",
        arguments: [Data(AuditSnapshot.encode(changed))])
    }
    try database.close()
    let verified = try LedgerVerifier.verify(path: runs.ledger.path)
    #expect(
      verified.problems == [
        "changed: audit_snapshot_data row 1 (run 1): its bytes do not match the hash "
          + "audit_snapshots row 1 recorded"
      ])
    let second = try runs.record(readings, at: 10_000_000_000_000)
    #expect(second.reusedRun == nil && runs.audits == 2)
    #expect(second.warnings.count == 1)
    #expect(second.warnings.first?.contains("audit_snapshots row 1 (run 1) do not match") == true)
    var expected = try #require(first.result)
    expected.configuration.reportTime = 10_000_000_000_000
    #expect(second.result == expected)
    // The run kept its own snapshot in place of the changed bytes.
    #expect(try LedgerVerifier.verify(path: runs.ledger.path).isIntact)
    #expect(try runs.record(readings, at: 10_000_000_000_000).reusedRun == 2)
  }
}
