import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// One input through every reading path must give identical events (STYLE.md): streaming or
/// whole-file, the fast path (whole-buffer literal marks, unmarked entries skipped) on or off,
/// every buffer capacity, plain or gzip; and identical input summaries, hashes included.
struct ReadingPathsTests {
  static func corpus() -> String {
    let sample = ["master", "shard1", "shard2"].map {
      (try? String(
        contentsOfFile: EventReading.packagePath("Samples/hand-made/\($0)/messages.log"),
        encoding: .utf8)) ?? ""
    }.joined()
    let structured =
      #"when="2021-08-11 07:00:00.000" pid=9 level=INFO event=Utility.Event text="Backup.ShardedCluster.Quiesce: Quiescing system""#
      + "\n"
    // What the fast path treats apart: a literal only in a continuation line, a literal in the
    // header, literal-like pairs, NUL bytes, an escaped literal in a structured line, a line
    // longer than some buffers.
    let fastPath = """
      08/11/21-07:10:00:000 (144145) 0 [Generic.Event]
      Startup of InterSystems IRIS [IRIS for UNIX (Ubuntu Server LTS for x86-64) 2023.1]
        in ../bin/
      08/11/21-07:11:00:000 (9) 0 [Backup.Task] Backup.General.ExternalThaw: System resumed
      08/11/21-07:12:00:000 (9) 0 [Utility.Event] Task 'Backup Report' ku St qu backup.General
      08/11/21-07:13:00:000 (9) 0 [Utility.Event] \
      Backup.General.ExternalFreeze: Suspending\u{0} system
      08/11/21-07:14:00:000 (9) 2 [Utility.Event] \
      Backup.General.ExternalThaw: Failed to resume system: \(String(repeating: "long ", count: 30))
      when="2021-08-11 07:15:00.000" pid=9 level=INFO event=Utility.Event \
      text="\\B\\a\\c\\k\\u\\p.ShardedCluster.Resume: System resumed"
      08/11/21-07:16:00:000 (9) 0 [Utility.Event] INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE
      Journaling switched to: /iris/journal1/20210811.009

      """
    return sample + "junk line\r\n" + structured + fastPath
      + "08/11/21-07:30:00:000 (9) 0 [Utility.Event] Backup.ShardedCluster.Resume: System resumed\r\n"
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

  static let reference = Path(
    readsWholeFiles: false, usesPrefilter: true, capacity: 1 << 16, isCompressed: false)

  static let paths: [Path] = [false, true].flatMap { whole in
    [true, false].flatMap { prefilter in
      [0, 1, 61, 1 << 16].flatMap { capacity in
        [false, true].map {
          Path(
            readsWholeFiles: whole, usesPrefilter: prefilter, capacity: capacity, isCompressed: $0)
        }
      }
    }
  }

  func options(_ path: Path) -> ReadingOptions {
    var options = EventReading.options("Europe/Paris")
    options.readsWholeFiles = path.readsWholeFiles
    options.usesPrefilter = path.usesPrefilter
    options.lineReader = .init(initialCapacity: path.capacity)
    return options
  }

  /// The events and summaries of `files` (relative path → bytes) read as one server.
  func read(_ files: [(String, [UInt8])], _ path: Path) throws -> ServerReading {
    let folder = try TemporaryFolder()
    let paths = try files.map { name, bytes in
      try folder.write("ds/" + name, bytes: path.isCompressed ? Gzip.compress(bytes) : bytes)
    }
    var reading = ServerLogReader(options: options(path)).read(
      ServerInput(name: "ds", files: paths))
    for index in reading.events.indices { reading.events[index].path = "" }
    for index in reading.inputs.indices {
      reading.inputs[index].path = (reading.inputs[index].path as NSString).lastPathComponent
      // Sizes and hashes on disk differ between plain and gzip; they are checked below.
      reading.inputs[index].bytes = 0
      reading.inputs[index].sha256 = reading.inputs[index].sha256.map { _ in "set" }
    }
    return reading
  }

  func read(_ path: Path) throws -> ServerReading {
    try read([("messages.log", Array(Self.corpus().utf8))], path)
  }

  @Test(arguments: paths)
  func everyPathGivesTheReferenceEvents(path: Path) throws {
    let reference = try read(Self.reference)
    #expect(reference.events.count > 30)
    #expect(reference.events.contains { $0.kind == .startup && $0.line > 50 })
    let reading = try read(path)
    #expect(reading.events == reference.events)
    #expect(reading.inputs == reference.inputs)
  }

  /// Rotated files whose overlap the reader drops: the fast path skips most unmarked entries,
  /// never those it needs to recognise the overlap.
  @Test(arguments: paths.filter { $0.capacity == 61 || $0.capacity == 1 << 16 })
  func rotatedFilesGiveTheReferenceEventsAndOverlaps(path: Path) throws {
    func entry(_ minute: Int, _ text: String) -> String {
      String(format: "08/11/21-07:%02d:00:000 (9) 0 [Utility.Event] %@\n", minute, text)
    }
    func text(_ minute: Int) -> String {
      guard minute % 7 == 0 else { return "noise \(minute)" }
      return minute < 45
        ? "Backup.General.ExternalFreeze: Suspending system"
        : "Backup.General.ExternalThaw: System resumed"
    }
    let older = (0..<40).map { entry($0, text($0)) }
    let newer = (30..<60).map { entry($0, text($0)) }
    let files = [
      ("messages.old_1", Array(older.joined().utf8)), ("messages.log", Array(newer.joined().utf8)),
    ]
    let reference = try readAlike(files, path)
    #expect(reference.inputs.map(\.duplicateEntries) == [0, 10])
  }

  /// The structured (name/value) form, whose unescaped unmarked lines the fast path skips too.
  @Test(arguments: paths.filter { $0.capacity == 61 || $0.capacity == 1 << 16 })
  func structuredLogGivesTheReferenceEvents(path: Path) throws {
    let messages = [
      "Backup.General.ExternalFreeze: Suspending system", "ordinary noise",
      "Backup.General.ExternalFreeze: System suspended", "with \\\"escapes\\\" and Backup",
      "Backup.General.ExternalThaw: System resumed", "noise with Backup. in the middle",
    ]
    let lines = (0..<60).map { index in
      String(format: "when=\"2021-08-11 07:%02d:00.000\" pid=%d level=INFO ", index, 100 + index)
        + "event=Utility.Event text=\"\(messages[index % messages.count])\"\n"
    }
    let files = [("messages.log", Array((lines.joined() + "continuation? no: unparsed\n").utf8))]
    let reference = try readAlike(files, path)
    #expect(reference.events.count == 30)
    #expect(reference.inputs.first?.entries == 60)
  }

  /// The structured log's JSON form (issue 13): plain lines that the one-pass reader skips,
  /// lines with escapes read without Foundation, and the rest through Foundation.
  @Test(arguments: paths.filter { $0.capacity == 61 || $0.capacity == 1 << 16 })
  func jsonLogGivesTheReferenceEvents(path: Path) throws {
    let texts = [
      #""text": "Backup.General.ExternalFreeze: Suspending system""#,
      #""text": "ordinary noise", "note": "when": "#,
      #""text": "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE\nJournaling switched to: /j/1""#,
      #""text": "say \"Backup.General.ExternalThaw: System resumed\"""#,
      #""text": "\u0042ackup.General.ExternalThaw: System resumed""#,
      #""text": "Backup.General.ExternalFreeze: System suspended", "pid": 7"#,
      #""text": "noise, \"when\": \"2030-01-01 00:00:00\"""#,
      "\"text\":\t\"Backup.ShardedCluster.Quiesce: System quiesced\"",
      #""text": "Backup.General.ExternalThaw: System resumed""#,
      #""text": "caf\u00e9 Backup. in the middle""#,
    ]
    let lines = (0..<60).map { index in
      let when = String(format: "\"when\": \"2021-08-11 07:%02d:00.000\"", index)
      let fields = #""pid": "\#(100 + index)", "level": "INFO", "event": "Utility.Event""#
      let text = texts[index % texts.count]
      // Keys in either order.
      return (index % 3 == 0 ? "{ \(text), \(fields), \(when)}" : "{ \(when), \(fields), \(text)}")
        + "\n"
    }
    let files = [
      ("messages.log", Array((lines.joined() + #"{ "when": "2021-08-11 08:00:00.000", "te"#).utf8))
    ]
    let reference = try readAlike(files, path)
    #expect(reference.events.count >= 30)
    #expect(reference.events.contains { $0.kind == .journalSwitch })
    #expect(reference.events.contains { $0.kind == .thawed })
  }

  /// What `files` read on the reference path, once `path` has been checked to read the same.
  func readAlike(_ files: [(String, [UInt8])], _ path: Path) throws -> ServerReading {
    let reference = try read(files, Self.reference)
    let reading = try read(files, path)
    #expect(reading.events == reference.events)
    #expect(reading.inputs == reference.inputs)
    return reference
  }

  /// Dense decoys (issue 13): messages that mention a backup class or almost match a wording,
  /// and wordings whose `.` after the class is another character.
  @Test(arguments: paths.filter { $0.capacity == 61 || $0.capacity == 1 << 16 })
  func decoysGiveTheReferenceEvents(path: Path) throws {
    let messages = [
      "Backup.General.IsWDSuspended returned 0", "Backup.General.ExternalFreeze: Suspending system",
      "Backup.General.IsWDSuspended() returned 0 for job 7", "Task 'ExternalFreeze check' started",
      "Backup.General.ExternalFreeze: Suspending systemX", "Backup.GeneralXExternalFreeze: Suspending system",
      "Backup.General\u{e9}ExternalThaw: System resumed", "Backup.General\tExternalThaw: System resumed",
      "Backup.General.ExternalThaw(): Whatever it was", "Backup.General status query from job 9",
      "Status query: last Backup.ShardedCluster.Resume returned 1",
      "Backup.ShardedCluster.Quiesce: System quiesced", "Backup.ShardedClusterQuiesce: System quiesced",
      "Backup.General.ExternalThaw: System resumed", "Backup.", "Backup.General.",
    ]
    let lines = (0..<60).map { index in
      String(format: "08/11/21-07:%02d:00:000 (9) 0 [Utility.Event] ", index)
        + messages[index % messages.count] + "\n"
    }
    let reference = try readAlike([("messages.log", Array(lines.joined().utf8))], path)
    let kinds = Set(reference.events.map(\.kind))
    #expect(kinds.isSuperset(of: [.freezeBegin, .thawed, .quiesced, .unrecognised]))
    // The `.` took an X, an é and a tab.
    #expect(reference.events.filter { $0.kind == .freezeBegin }.count == 8)
    #expect(reference.events.filter { $0.kind == .thawed }.count == 11)
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
