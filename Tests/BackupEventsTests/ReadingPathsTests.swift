import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// One input through every reading path must give identical events (STYLE.md).
struct ReadingPathsTests {
  static func corpus() -> String {
    let sample = ["master", "shard1", "shard2"].map {
      (try? String(contentsOfFile: EventReading.packagePath("Samples/hand-made/\($0)/messages.log"), encoding: .utf8)) ?? ""
    }.joined()
    let structured = #"when="2021-08-11 07:00:00.000" pid=9 level=INFO event=Utility.Event text="Backup.ShardedCluster.Quiesce: Quiescing system""#
      + "\n"
    return sample + "junk line\r\n" + structured + "08/11/21-07:30:00:000 (9) 0 [Utility.Event] Backup.ShardedCluster.Resume: System resumed\r\n"
  }

  struct Path: Sendable, CustomTestStringConvertible {
    var readsWholeFiles: Bool
    var usesPrefilter: Bool
    var capacity: Int
    var isCompressed: Bool
    var testDescription: String {
      "\(readsWholeFiles ? "slice" : "stream") prefilter=\(usesPrefilter) capacity=\(capacity) gzip=\(isCompressed)"
    }
  }

  static let paths: [Path] = [false, true].flatMap { whole in
    [true, false].flatMap { prefilter in
      [0, 1, 61, 1 << 16].flatMap { capacity in
        [false, true].map { Path(readsWholeFiles: whole, usesPrefilter: prefilter, capacity: capacity, isCompressed: $0) }
      }
    }
  }

  func read(_ path: Path) throws -> [BackupEvent] {
    let folder = try TemporaryFolder()
    let bytes = Array(Self.corpus().utf8)
    let file = try folder.write("ds/messages.log", bytes: path.isCompressed ? Gzip.compress(bytes) : bytes)
    var options = EventReading.options("Europe/Paris")
    options.readsWholeFiles = path.readsWholeFiles
    options.usesPrefilter = path.usesPrefilter
    options.lineReader = .init(initialCapacity: path.capacity)
    var events = ServerLogReader(options: options).read(ServerInput(name: "ds", files: [file])).events
    for index in events.indices { events[index].path = "" }
    return events
  }

  @Test(arguments: paths)
  func everyPathGivesTheReferenceEvents(path: Path) throws {
    let reference = try read(Path(readsWholeFiles: false, usesPrefilter: true, capacity: 1 << 16, isCompressed: false))
    #expect(reference.count > 30)
    #expect(try read(path) == reference)
  }

  @Test func oneByteReadsGiveTheSameLines() throws {
    // The same bytes through a pipe-like source of one byte per read (real standard input is
    // covered end to end by EventsCommandTests.readsStandardInput).
    let bytes = Array(Self.corpus().utf8)
    let reader = LineReader(source: MemoryByteSource(bytes, maximumRead: 1))
    var count = 0
    try reader.forEachLine { _ in count += 1 }
    #expect(count == LineCollector.slice(bytes).lines.count)
  }
}
