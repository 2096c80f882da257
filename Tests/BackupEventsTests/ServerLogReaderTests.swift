import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

struct ServerLogReaderTests {
  static func entry(_ day: Int, _ hour: Int, _ text: String) -> String {
    String(format: "08/%02d/21-%02d:00:00:000 (100) 0 [Utility.Event] %@\n", day, hour, text)
  }

  static let freeze = "Backup.General.ExternalFreeze: Suspending system"
  static let thaw = "Backup.General.ExternalThaw: System resumed"

  @Test func readsRotatedFilesInTimeOrderAndDropsTheirOverlap() throws {
    let folder = try TemporaryFolder()
    // The newest file holds the last two entries of the older one again (copied, then rotated).
    try folder.write(
      "ds1/messages.log",
      text: Self.entry(11, 1, Self.freeze) + Self.entry(11, 2, Self.thaw) + Self.entry(12, 1, Self.freeze))
    try folder.write(
      "ds1/messages.old_20210811",
      text: Self.entry(10, 1, Self.freeze) + Self.entry(11, 1, Self.freeze) + Self.entry(11, 2, Self.thaw))
    try folder.write("ds1/messages.old_20210809.gz", bytes: Gzip.compress(Array(Self.entry(9, 1, Self.freeze).utf8)))
    let server = try #require(try ServerDiscovery.discover(paths: [folder.path + "/ds1"]).first)
    let reading = ServerLogReader(options: EventReading.options()).read(server)
    #expect(reading.events.map(\.localTime.day) == [9, 10, 11, 11, 12])
    #expect(reading.inputs.map { ($0.path as NSString).lastPathComponent } == ["messages.old_20210809.gz", "messages.old_20210811", "messages.log"])
    #expect(reading.inputs.map(\.duplicateEntries) == [0, 0, 2])
    #expect(reading.events.last?.line == 3)
  }

  @Test func identicalEntriesWithinOneFileAreKept() throws {
    let text = Self.entry(11, 1, Self.freeze) + Self.entry(11, 1, Self.freeze)
    #expect(try EventReading.read(text).events.count == 2)
  }

  @Test func unreadableFileIsReportedAndTheOthersAreRead() throws {
    let folder = try TemporaryFolder()
    let good = try folder.write("ds1/messages.log", text: Self.entry(11, 1, Self.freeze))
    let missing = folder.path + "/ds1/messages.old_gone"
    let reading = ServerLogReader(options: EventReading.options())
      .read(ServerInput(name: "ds1", files: [good, missing]))
    #expect(reading.events.count == 1)
    #expect(reading.failures.map(\.path) == [missing])
    #expect(reading.failures.first?.failure?.contains("no such file") == true)
  }

  @Test func damagedGzipKeepsTheLinesBeforeTheDamage() throws {
    let folder = try TemporaryFolder()
    let text = (1...20).map { Self.entry(11, $0, Self.freeze) }.joined()
    let compressed = Gzip.compress(Array(text.utf8))
    // Without its 8-byte trailer every line inflates, and then the stream ends early.
    let path = try folder.write("ds1/messages.old_1.gz", bytes: Array(compressed.dropLast(8)))
    let reading = ServerLogReader(options: EventReading.options()).read(ServerInput(name: "ds1", files: [path]))
    #expect(reading.failures.count == 1)
    #expect(reading.failures.first?.failure?.contains("unexpected end of data") == true)
    #expect(reading.events.count == 20)
    #expect(reading.inputs[0].entries == 20)
  }

  /// SPEC §9: every bad input is read past and counted; none crashes.
  @Test func badInputIsReadPastAndCounted() throws {
    var bytes = Array(Self.entry(11, 1, Self.freeze).utf8)
    bytes += [0xFF, 0xFE, 0x80] + Array(" invalid UTF-8 continuation\n".utf8)
    bytes += Array("08/11/21-02:00:00:000 (100) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed\r\n".utf8)
    bytes += Array("08/11/21-03:00:00:000 (1\u{0}0) 0 binary\n".utf8)
    bytes += Array("13/45/26-03:00:00:000 (100) 0 impossible\n".utf8)
    bytes += Array("08/11/21-00:30:00:000 (100) 0 [Utility.Event] out of order\n".utf8)
    bytes += Array("08/11/21-04:00:00:000 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending sys".utf8)
    let folder = try TemporaryFolder()
    let path = try folder.write("ds1/messages.log", bytes: bytes)
    let reading = ServerLogReader(options: EventReading.options()).read(ServerInput(name: "ds1", files: [path]))
    // The cut last line is a backup-class message no wording matches: reported, not dropped.
    #expect(reading.events.map(\.kind) == [.freezeBegin, .thawed, .unrecognised])
    let input = try #require(reading.inputs.first)
    #expect(input.entries == 4)
    #expect(input.binaryLines == 1)
    #expect(input.impossibleTimestamps == 1)
    #expect(input.unparsedLines == 2)
    #expect(input.outOfOrderEntries == 1)
    #expect(input.failure == nil)
  }

  @Test func emptyAndBinaryFiles() throws {
    let folder = try TemporaryFolder()
    let empty = try folder.write("ds1/messages.log", text: "")
    let binary = try folder.write("ds1/messages.old_1", bytes: (0..<4096).map { UInt8(truncatingIfNeeded: $0 * 7) })
    let reading = ServerLogReader(options: EventReading.options()).read(ServerInput(name: "ds1", files: [empty, binary]))
    #expect(reading.events.isEmpty)
    #expect(reading.failures.isEmpty)
    #expect(reading.inputs.map(\.entries) == [0, 0])
    #expect(reading.inputs.first { $0.path == binary }!.unparsedLines > 0)
  }

  @Test func hugeLineIsCutAndTheNextEntryStillRead() throws {
    var options = EventReading.options()
    options.lineReader = .init(initialCapacity: 1024, maximumLineLength: 4096)
    let huge = "08/11/21-01:00:00:000 (1) 0 [Utility.Event] " + String(repeating: "z", count: 2_000_000) + "\n"
    let reading = try EventReading.read(huge + Self.entry(11, 2, Self.thaw), options: options)
    #expect(reading.events.map(\.kind) == [.thawed])
    #expect(reading.inputs[0].truncatedLines == 1)
    #expect(reading.inputs[0].entries == 2)
  }

  @Test func readsTheHandMadeSampleInItsZone() throws {
    let servers = try ServerDiscovery.discover(paths: [EventReading.packagePath("Samples/hand-made")])
    #expect(servers.map(\.name) == ["master", "shard1", "shard2"])
    let readings = ServerLogReader.readAll(servers, options: { _ in EventReading.options("Europe/Berlin") })
    let master = readings[0].events
    #expect(master.first?.kind == .journalSwitch)
    let freeze = try #require(master.first { $0.kind == .freezeBegin })
    #expect(freeze.line == 4)
    #expect(freeze.pid == 18374)
    #expect(freeze.epochMilliseconds == 1_628_653_783_233)
    #expect(readings[2].events.map(\.kind).suffix(4) == [.recovery, .abnormalShutdown, .startup, .cleanShutdown])
    #expect(readings.allSatisfy { $0.inputs.allSatisfy { $0.unparsedLines == 0 } })
  }
}

/// Issue 14: a real Windows `messages.log` (IRIS 2024.1) begins with three blank lines.
struct LeadingBlankLinesTests {
  @Test func blankLinesBeforeTheFirstEntryAreNotUnparsed() throws {
    let text =
      "\r\n\r\n  \r\n03/26/25-11:13:16:626 (7212) 0 [Generic.Event] Instance 'IRIS' starting on node "
      + "WIN-7Q1 by user SYSTEM on 03/26/2025 05:43:16.626 UTC\r\n"
    let reading = try EventReading.read(text)
    #expect(reading.inputs.first?.unparsedLines == 0)
    #expect(reading.events.map(\.kind) == [.instanceStart])
  }

  @Test func textBeforeTheFirstEntryStillIs() throws {
    let reading = try EventReading.read("\nnot a log line\n08/11/21-05:00:00:000 (1) 0 [A.B] x\n")
    #expect(reading.inputs.first?.unparsedLines == 1)
  }
}
