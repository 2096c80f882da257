import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

@testable import EvidenceLedger

/// Where the ledger's incremental reading starts each file (SPEC §11): by the file's device,
/// inode and first bytes, whatever its name, and what it says of a file it must read again.
@Suite struct RecordedFilesTests {
  let folder: TemporaryFolder
  let ledger: Ledger

  init() throws {
    folder = try TemporaryFolder()
    ledger = try Ledger.create(path: folder.path + "/ledger.sqlite")
  }

  /// A log of `count` freezes an hour apart from `second` on.
  static func log(from second: Double, count: Int) -> String {
    var log = TestLog()
    for index in 0..<count {
      log.clusterFreeze(at: second + Double(index) * 3600, checkpoint: 40 + index)
    }
    return log.text
  }

  /// Reads `files` as server `ds` as `audit --ledger` does and records the run.
  @discardableResult
  func run(_ files: [String]) throws -> ServerReading {
    let recorded = try ledger.recordedFiles()
    let readings = ServerLogReader(options: EventReading.options())
      .readStreams(ServerInput(name: "ds", files: files), planner: recorded.planner)
    let merged = recorded.merged(readings)
    _ = try ledger.record(
      LedgerRun(
        toolVersion: "test", startedAt: 1, finishedAt: 2, reportTime: 3, configuration: "{}",
        readings: merged.readings, overlaps: merged.overlaps, recordedUpTo: recorded.lastInput))
    return merged.readings.first ?? ServerReading(server: "ds", timeZone: "UTC", events: [], inputs: [])
  }

  /// Where the ledger would start `files` of server `server` now.
  func starts(_ files: [String], server: String = "ds") throws -> [FileStart] {
    try ledger.recordedFiles().planner(server, try files.map { try LogFile(path: $0).identity })
  }

  func append(_ text: String, to path: String) throws {
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
    try handle.close()
  }

  @Test func aFileNotGrownIsNotReadAndAGrownOneIsReadOnFromWhereTheLedgerStopped() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    let first = try run([log])
    let range = try #require(first.inputs.first?.range)
    #expect(try starts([log]).map(\.isSkipped) == [true])
    try append(Self.log(from: 9000, count: 1), to: log)
    let start = try #require(try starts([log]).first)
    #expect(start.offset == range.resumeOffset && start.offset > 0)
    #expect(start.lineBase == range.resumeLine)
    #expect(start.envelope == .plain && start.restart == nil)
    #expect(start.firstInstant == first.inputs.first?.firstEpochMilliseconds)
    let second = try run([log])
    // The second row is the whole file so far: its counts, its span.
    let whole = ServerLogReader(options: EventReading.options())
      .read(ServerInput(name: "ds", files: [log]))
    #expect(second.inputs.first?.entries == whole.inputs.first?.entries)
    #expect(second.inputs.first?.lines == whole.inputs.first?.lines)
    #expect(second.inputs.first?.decodedBytes == whole.inputs.first?.decodedBytes)
    #expect(second.inputs.first?.firstEpochMilliseconds == whole.inputs.first?.firstEpochMilliseconds)
    #expect(second.inputs.first?.sha256 == nil)
    #expect(try ledger.readings().flatMap(\.events).count == whole.events.count)
  }

  @Test func aRenamedFileIsReadOnUnderItsNewName() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    let range = try #require(try run([log]).inputs.first?.range)
    try FileManager.default.moveItem(atPath: log, toPath: log + ".1")
    _ = try folder.write("ds/messages.log", text: Self.log(from: 9000, count: 1))
    let starts = try starts([log, log + ".1"])
    #expect(starts[0] == .whole, "a new file")
    #expect(starts[1].offset == range.resumeOffset && !starts[1].isSkipped)
  }

  @Test func aShorterFileWasTruncatedAndAnotherBeginningUnderItsInodeReplacedIt() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    let read = try #require(try run([log]).inputs.first?.range?.readTo)
    let handle = try #require(FileHandle(forWritingAtPath: log))
    try handle.truncate(atOffset: 0)
    try handle.write(contentsOf: Data(Self.log(from: 9000, count: 1).utf8))
    #expect(
      try starts([log]).first?.restart == InputRestart(reason: .truncated, recordedBytes: read))
    try handle.write(contentsOf: Data(Self.log(from: 20_000, count: 2).utf8))
    try handle.close()
    #expect(
      try starts([log]).first?.restart == InputRestart(reason: .replaced, recordedBytes: read))
    let again = try run([log])
    #expect(again.inputs.first?.range?.readFrom == 0)
    #expect(again.inputs.first?.sha256 != nil)
  }

  @Test func aFileOfAnotherInodeUnderARecordedPathIsAnotherFileReadWhole() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    try run([log])
    let other = try folder.write("other.log", text: Self.log(from: 9000, count: 1))
    try FileManager.default.removeItem(atPath: log)
    try FileManager.default.moveItem(atPath: other, toPath: log)
    #expect(try starts([log]) == [.whole])
  }

  @Test func aCopyOfARecordedFileAddsNoEvent() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    try run([log])
    let events = try ledger.rowCounts()["events"]
    let copy = try folder.write("ds/messages.log.1", bytes: Gzip.compress(Array(Self.log(from: 100, count: 2).utf8)))
    let handle = try #require(FileHandle(forWritingAtPath: log))
    try handle.truncate(atOffset: 0)
    try handle.close()
    try run([log, copy])
    #expect(try ledger.rowCounts()["events"] == events)
    // Compressed: read whole once, then not again, even under another name.
    #expect(try starts([log, copy]).map(\.isSkipped) == [true, true])
    try FileManager.default.moveItem(atPath: copy, toPath: copy + ".2.gz")
    #expect(try starts([log, copy + ".2.gz"]).map(\.isSkipped) == [true, true])
  }

  @Test func anotherServersFileIsNotThisServersHistory() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    try run([log])
    #expect(try starts([log], server: "other") == [.whole])
  }

  @Test func aRunThatReadWhileAnotherRecordedIsNotRecorded() throws {
    let log = try folder.write("ds/messages.log", text: Self.log(from: 100, count: 2))
    try run([log])
    try append(Self.log(from: 9000, count: 1), to: log)
    let recorded = try ledger.recordedFiles()
    let readings = ServerLogReader(options: EventReading.options())
      .readStreams(ServerInput(name: "ds", files: [log]), planner: recorded.planner)
    // Another run reads the same new bytes and records them first.
    try run([log])
    let counts = try ledger.rowCounts()
    let merged = recorded.merged(readings)
    #expect(throws: LedgerError.self) {
      try ledger.record(
        LedgerRun(
          toolVersion: "test", startedAt: 1, finishedAt: 2, reportTime: 3, configuration: "{}",
          readings: merged.readings, overlaps: merged.overlaps, recordedUpTo: recorded.lastInput))
    }
    #expect(try ledger.rowCounts() == counts)
    #expect(try LedgerVerifier.verify(path: ledger.path).isIntact)
  }
}
