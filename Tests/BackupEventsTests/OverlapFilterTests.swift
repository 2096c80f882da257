import Foundation
import LogParsing
import LogReading
import TestSupport
import Testing

@testable import BackupEvents

/// Rotated files one after the other: what the filter drops of the entries a file repeats from
/// the file before it (SPEC §3.2).
struct OverlapFilterTests {
  /// The first lines of the entries the filter admits, by file, driven as the reader drives
  /// it: `startFile` with the next file's first instant, every entry through `admit`, then
  /// `finishFile` with the file's last instant.
  func admitted(_ files: [TestLog], limit: Int = 1000) throws -> [[String]] {
    let instants = try files.map(instants(of:))
    var filter = OverlapFilter(limit: limit)
    var kept: [[String]] = []
    for (index, file) in files.enumerated() {
      filter.startFile(keepingFrom: index + 1 < files.count ? instants[index + 1].first : nil)
      var admitted: [String] = []
      try scan(file) { entry in
        if filter.admit(entry) {
          admitted.append(String(decoding: entry.rawFirstLine, as: UTF8.self))
        }
      }
      filter.finishFile(lastInstant: instants[index].last)
      kept.append(admitted)
    }
    return kept
  }

  /// The instants of `file`'s entries, in the order of the file.
  func instants(of file: TestLog) throws -> [Int64] {
    var instants: [Int64] = []
    try scan(file) { instants.append($0.epochMilliseconds) }
    return instants
  }

  func scan(_ file: TestLog, _ body: (Entry) -> Void) throws {
    let scanner = EntryScanner(
      converter: LocalTimeConverter(timeZone: TimeZone(identifier: "UTC")!))
    try LineReader(source: MemoryByteSource(Array(file.text.utf8))).forEachLine {
      scanner.scan($0, body)
    }
    scanner.finish(body)
  }

  /// A log with the line `line at <second>` at each of `seconds`.
  func log(_ seconds: [Double]) -> TestLog {
    var log = TestLog()
    for second in seconds { log.add(second, "line at \(second)") }
    return log
  }

  /// The line `log` writes at `second`.
  func line(_ second: Double) -> String {
    "\(TestLog.timestamp(second)) (100) 0 [Utility.Event] line at \(second)"
  }

  @Test func aSingleFileKeepsEveryEntryEvenRepeatedOnes() throws {
    #expect(try admitted([log([1, 2, 2, 3])]) == [[line(1), line(2), line(2), line(3)]])
  }

  @Test func dropsTheEntriesTheNextFileRepeats() throws {
    let kept = try admitted([log([1, 2, 3, 4]), log([3, 4, 5, 6])])
    #expect(kept == [[line(1), line(2), line(3), line(4)], [line(5), line(6)]])
  }

  @Test func anEntryAtThePreviousFilesLastInstantIsCheckedByItsText() throws {
    // The previous file ends at 4 s; the next one logs something else at 4 s, then repeats.
    var second = TestLog()
    second.add(4, "another line at the same instant")
    second.add(4, "line at 4.0")
    second.add(5, "line at 5.0")
    let kept = try admitted([log([3, 4]), second])
    #expect(
      kept[1] == [
        "\(TestLog.timestamp(4)) (100) 0 [Utility.Event] another line at the same instant", line(5),
      ])
  }

  @Test func remembersTheTailFromTheNextFilesFirstInstantOnly() throws {
    // The second file starts at 3 s: the first file's entries at 3 s and 4 s are remembered,
    // the one at 2 s is not, so an out-of-order repeat of it stays.
    var second = log([3, 4])
    second.add(2, "line at 2.0")
    let kept = try admitted([log([2, 3, 4]), second])
    #expect(kept[1] == [line(2)])
  }

  @Test(arguments: [(0, 3), (1, 2), (2, 1), (3, 0), (4, 0)])
  func remembersAtMostTheLimit(limit: Int, repeated: Int) throws {
    let kept = try admitted([log([1, 2, 3]), log([1, 2, 3])], limit: limit)
    #expect(kept[1].count == repeated)
  }

  @Test func anEmptyFileBeforeLeavesNothingToDrop() throws {
    let kept = try admitted([TestLog(), log([1, 2])])
    #expect(kept == [[], [line(1), line(2)]])
  }

  @Test func watchesNothingBeforeTheFirstFileAndOnlyTheNextFilesStartAfter() throws {
    var filter = OverlapFilter(limit: 10)
    #expect(filter.watchedInstants == (Int64.min, Int64.max))
    filter.startFile(keepingFrom: 5_000)
    #expect(filter.watchedInstants == (Int64.min, 5_000))
    filter.finishFile(lastInstant: 9_000)
    filter.startFile(keepingFrom: nil)
    // Nothing of the first file went through `admit`, so nothing of this one needs checking.
    #expect(filter.watchedInstants == (Int64.min, Int64.max))
  }
}
