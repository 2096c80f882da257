import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// The reading in parts of the evidence ledger (`ServerLogReader+Ranges`): a file cut anywhere,
/// read up to the cut, then read on from the resume point its first reading gave once the rest
/// was written, gives the events and counts of one reading of the whole file, on every reading
/// path. An entry is never cut in two and a line not whole yet gives no event.
struct ResumedReadingTests {
  /// The corpus of `ReadingPathsTests`: multi-line entries, a recovery block, structured lines,
  /// CRLF, NUL bytes, junk, a long line.
  static let corpus = Array(ReadingPathsTests.corpus().utf8)

  /// Where the corpus is cut: every 23rd byte, and each byte of a multi-line entry's lines.
  static var cuts: [Int] {
    let startup = Array(ReadingPathsTests.corpus().utf8).firstRange(of: Array("Startup of".utf8))!
    return Array(stride(from: 1, to: corpus.count, by: 23))
      + Array((startup.lowerBound - 30)..<(startup.lowerBound + 120))
  }

  static let paths = [
    ReadingPathsTests.Path(readsWholeFiles: false, usesPrefilter: true, capacity: 61, isCompressed: false),
    ReadingPathsTests.Path(readsWholeFiles: true, usesPrefilter: false, capacity: 1 << 16, isCompressed: false),
  ]

  /// The counts that add up over parts (out-of-order entries do not: a part's first entry has
  /// nothing before it).
  static func counts(_ figures: InputFigures) -> [Int] {
    [
      figures.decodedBytes, figures.lines, figures.entries, figures.unparsedLines,
      figures.binaryLines, figures.truncatedLines, figures.impossibleTimestamps,
    ]
  }

  @Test(arguments: paths)
  func aFileReadInTwoPartsGivesTheReadingOfTheWholeFile(path: ReadingPathsTests.Path) throws {
    let options = ReadingPathsTests().options(path)
    let reader = ServerLogReader(options: options)
    let folder = try TemporaryFolder()
    let file = try folder.write("ds/messages.log", bytes: Self.corpus)
    let whole = reader.readStreams(ServerInput(name: "ds", files: [file]), planner: { _, files in
      files.map { _ in .whole }
    })[0]
    #expect(whole.events.count > 10)
    for cut in Self.cuts {
      try Data(Self.corpus[..<cut]).write(to: URL(fileURLWithPath: file))
      let first = reader.readStreams(ServerInput(name: "ds", files: [file])) { _, files in
        files.map { _ in .whole }
      }[0]
      let range = try #require(first.inputs.first?.range)
      #expect(range.resumeOffset <= Int64(cut) && range.readTo == Int64(cut))
      let handle = try #require(FileHandle(forWritingAtPath: file))
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(Self.corpus[cut...]))
      try handle.close()
      let start = FileStart(
        offset: range.resumeOffset, lineBase: range.resumeLine,
        envelope: Envelope(name: first.inputs[0].envelope ?? "plain"),
        legacyYear: range.legacyYear)
      let second = reader.readStreams(ServerInput(name: "ds", files: [file])) { _, files in
        files.map { _ in start }
      }[0]
      let resumed = try #require(second.inputs.first?.range)
      #expect(resumed.readFrom == range.resumeOffset && resumed.readTo == Int64(Self.corpus.count))
      // Every event of the first part is one of the whole file's (none from a line cut short),
      // and the two parts have them all.
      let wanted = Dictionary(whole.events.map { ($0.line, $0) }) { first, _ in first }
      for event in first.events {
        let same = wanted[event.line]
        #expect(
          same?.kind == event.kind && same?.text == event.text, "cut at \(cut): line \(event.line)")
      }
      let kept = first.events.filter { $0.line <= range.resumeLine }
      #expect(kept + second.events == whole.events, "cut at \(cut)")
      let recorded = InputFigures(first.inputs[0]) - range.carried
      #expect(
        Self.counts(recorded + InputFigures(second.inputs[0]))
          == Self.counts(InputFigures(whole.inputs[0])), "cut at \(cut)")
    }
  }

  @Test func aCRILineInPartsIsReadOnOnlyOnceItsLastPartCame() throws {
    var log = TestLog()
    log.add(100, "Backup.General.ExternalFreeze: Suspending system", pid: 200)
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended", pid: 200)
    let lines = log.lines.map { "2021-08-11T05:01:40.000000000Z stdout F \($0)" }
    let split = log.lines[1].index(log.lines[1].startIndex, offsetBy: 50)
    let head =
      lines[0] + "\n2021-08-11T05:01:41.000000000Z stdout P " + log.lines[1][..<split] + "\n"
    let tail = "2021-08-11T05:01:41.000000001Z stdout F " + log.lines[1][split...] + "\n"
    let folder = try TemporaryFolder()
    let file = try folder.write("ds/messages.log", text: head)
    let reader = ServerLogReader(options: EventReading.options())
    let first = reader.readStreams(ServerInput(name: "ds", files: [file])) { _, files in
      files.map { _ in .whole }
    }[0]
    #expect(first.inputs[0].envelope == "cri")
    #expect(first.events.map(\.kind) == [.freezeBegin], "the line in parts gives no event yet")
    let range = try #require(first.inputs[0].range)
    #expect(range.resumeLine == 1, "read on from the line's first part")
    try FileHandle(forWritingAtPath: file).map { handle in
      try handle.seekToEnd()
      try handle.write(contentsOf: Data(tail.utf8))
      try handle.close()
    }
    let start = FileStart(
      offset: range.resumeOffset, lineBase: range.resumeLine, envelope: Envelope(name: "cri"))
    let second = reader.readStreams(ServerInput(name: "ds", files: [file])) { _, files in
      files.map { _ in start }
    }[0]
    #expect(second.events.map(\.kind) == [.frozen])
    #expect(second.events.first?.line == 2)
    #expect(second.inputs[0].envelope == "cri")
  }
}
