import BackupAudit
import BackupEvents
import GRDB
import TestSupport
import Testing

@testable import EvidenceLedger

@Suite struct LedgerTests {
  @Test func theReadingsComeBackAsTheyWereRecorded() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    let readings = try LedgerFixture.readings()
    #expect(readings.flatMap(\.events).count > 10)
    _ = try ledger.record(try LedgerFixture.run(readings))
    #expect(try ledger.readings() == readings)
  }

  /// The reader reuses a row's server and path when the bytes repeat (`RepeatedTexts`): paths
  /// that alternate, differ in one byte, are empty or are not ASCII come back.
  @Test func pathsAndServersThatChangeFromRowToRowComeBackAsTheyWereRecorded() throws {
    var readings = try LedgerFixture.readings(freezes: 2)
    let paths = ["/logs/a/messages.log", "/logs/b/messages.log", "", "/logs/é/messages.log"]
    for server in readings.indices {
      for index in readings[server].events.indices {
        readings[server].events[index].path = paths[(index / (server + 1)) % paths.count]
      }
    }
    #expect(Set(readings.flatMap(\.events).map(\.path)).count == paths.count)
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    _ = try ledger.record(try LedgerFixture.run(readings))
    #expect(try ledger.readings() == readings)
  }

  @Test func recordingTheSameReadingsAgainAddsOnlyTheRun() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    let readings = try LedgerFixture.readings()
    let first = try ledger.record(try LedgerFixture.run(readings))
    let counts = try ledger.rowCounts()
    let second = try ledger.record(try LedgerFixture.run(readings))
    #expect(first.rows["events"] ?? 0 > 10)
    #expect(second.rows == [:])
    var expected = counts
    expected["runs"] = 2
    #expect(try ledger.rowCounts() == expected)
    #expect(second.recordHash != first.recordHash)
  }

  @Test func aLongerReadingAddsOnlyTheNewEvents() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    let one = try LedgerFixture.readings(freezes: 1)
    let two = try LedgerFixture.readings(freezes: 2)
    _ = try ledger.record(try LedgerFixture.run(one))
    let added = try ledger.record(try LedgerFixture.run(two))
    let new = two.flatMap(\.events).count - one.flatMap(\.events).count
    // The noise line at 4000 s is the same in both; the second freeze is new.
    #expect(added.rows["events"] == new)
    #expect(try ledger.readings().flatMap(\.events).count == two.flatMap(\.events).count)
  }

  @Test func identicalLinesAtTheSameInstantStayTwoEvents() throws {
    var log = TestLog()
    log.add(10, "Backup.General.ExternalFreeze: Suspending system")
    log.add(10, "Backup.General.ExternalFreeze: Suspending system")
    let reading = try EventReading.read(log.text, server: "ds1")
    #expect(reading.events.count == 2)
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    _ = try ledger.record(try LedgerFixture.run([reading]))
    _ = try ledger.record(try LedgerFixture.run([reading]))
    #expect(try ledger.readings().flatMap(\.events).count == 2)
  }

  @Test func anIntactLedgerVerifiesWithItsLastRecordHash() throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/ledger.sqlite"
    let ledger = try Ledger.create(path: path)
    _ = try ledger.record(try LedgerFixture.run(try LedgerFixture.readings(freezes: 1)))
    let last = try ledger.record(try LedgerFixture.run(try LedgerFixture.readings(freezes: 2)))
    let report = try LedgerVerifier.verify(path: path)
    #expect(report.problems == [])
    #expect(report.runs == 2)
    #expect(report.lastRecordHash == last.recordHash)
  }

  @Test(arguments: [
    ("UPDATE events SET text = 'edited' WHERE id = 3", "changed: events row 3 (run 1)"),
    ("UPDATE inputs SET sha256 = NULL WHERE id = 1", "changed: inputs row 1 (run 1)"),
    (
      "UPDATE session_members SET thawed = thawed - 1 WHERE id = 1",
      "changed: session_members row 1 (run 1)"
    ),
    ("DELETE FROM events WHERE id = 4", "removed: events row 4 (run 1)"),
    ("DELETE FROM finding_evidence WHERE id = 1", "removed: finding_evidence row 1 (run 2)"),
    ("UPDATE runs SET tool_version = '9.9' WHERE id = 1", "changed: runs row 1"),
    (
      "UPDATE run_rows SET row_count = 1 WHERE run_id = 1 AND table_name = 'events'",
      "changed: runs row 1"
    ),
    ("DELETE FROM runs WHERE id = 1", "removed: runs row 1"),
  ])
  func anEditedOrRemovedRowIsNamed(sql: String, expected: String) throws {
    let folder = try TemporaryFolder()
    let path = folder.path + "/ledger.sqlite"
    let ledger = try Ledger.create(path: path)
    _ = try ledger.record(try LedgerFixture.run(try LedgerFixture.readings(freezes: 1)))
    // The second run adds a finding with evidence: an overlap of a freeze left open.
    var open = TestLog()
    open.add(9000, "Backup.General.ExternalFreeze: Suspending system")
    open.add(9000.5, "Backup.General.ExternalFreeze: System suspended")
    let second = try LedgerFixture.run([try EventReading.read(open.text, server: "ds9")])
    #expect(!second.findings.isEmpty)
    _ = try ledger.record(second)
    #expect(try LedgerVerifier.verify(path: path).isIntact)
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in
      try db.execute(sql: "PRAGMA foreign_keys = OFF")
      try db.execute(sql: sql)
    }
    try queue.close()
    let report = try LedgerVerifier.verify(path: path)
    #expect(!report.isIntact)
    #expect(report.problems.contains { $0.hasPrefix(expected) }, "\(report.problems)")
  }

  @Test func aFileThatCouldNotBeReadAndWasReadLaterIsNoFailureAnyMore() throws {
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    var reading = try LedgerFixture.readings()[0]
    var unreadable = InputSummary(server: reading.server, path: "logs/messages.log")
    unreadable.failure = "cannot read logs/messages.log: permission denied"
    let failed = ServerReading(
      server: reading.server, timeZone: "UTC", events: [], inputs: [unreadable])
    _ = try ledger.record(try LedgerFixture.run([failed]))
    #expect(try ledger.readings().flatMap(\.failures).count == 1)
    reading.inputs = reading.inputs.map { input in
      var input = input
      input.path = "logs/messages.log"
      return input
    }
    _ = try ledger.record(try LedgerFixture.run([reading]))
    #expect(try ledger.readings().flatMap(\.failures) == [])
    #expect(try ledger.readings().flatMap(\.inputs).map(\.path) == ["logs/messages.log"])
  }
}

extension LedgerTests {
  /// An audit's reading of the ledger leaves out the kinds the audit never looks at, and
  /// nothing else; the ledger itself keeps them.
  @Test func anAuditsReadingLeavesOutTheIgnoredKinds() throws {
    var readings = try LedgerFixture.readings()
    var switched = readings[0].events[0]
    switched.kind = .journalSwitch
    switched.text = "05:00:01 INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE"
    switched.line = 999
    readings[0].events.append(switched)
    let folder = try TemporaryFolder()
    let ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
    _ = try ledger.record(try LedgerFixture.run(readings))
    let every = try ledger.readings()
    let fewer = try ledger.readings(excluding: Auditor.ignoredKinds)
    #expect(every.flatMap(\.events).contains { $0.kind == .journalSwitch })
    #expect(
      fewer.flatMap(\.events) == every.flatMap(\.events).filter { $0.kind != .journalSwitch })
    #expect(fewer.map(\.inputs) == every.map(\.inputs))
  }
}
