import Foundation
import LogParsing
import LogReading
import TestSupport
import Testing

/// An entry copied out of the scanner's callback.
struct ScannedEntry: Equatable {
  var layout: EntryLayout
  var line: Int
  var lineCount: Int
  var timestamp: LocalTimestamp
  var pid: Int?
  var severity: Int?
  var category: String?
  var text: String
  var firstLineMessage: String
}

struct EntryScannerTests {
  func scan(
    _ text: String, legacyYear: LegacyYearPolicy = .unknown,
    configuration: EntryScanner.Configuration = .init()
  ) throws -> ([ScannedEntry], EntryStatistics) {
    let scanner = EntryScanner(
      converter: LocalTimeConverter(timeZone: TimeZone(identifier: "UTC")!), legacyYear: legacyYear,
      configuration: configuration)
    var entries: [ScannedEntry] = []
    let collect: (Entry) -> Void = { entry in
      entries.append(
        ScannedEntry(
          layout: entry.layout, line: entry.line, lineCount: entry.lineCount,
          timestamp: entry.timestamp, pid: entry.pid, severity: entry.severity,
          category: entry.category.map { String(decoding: $0, as: UTF8.self) },
          text: String(decoding: entry.text, as: UTF8.self),
          firstLineMessage: String(decoding: entry.firstLineMessage, as: UTF8.self)))
    }
    let reader = LineReader(source: MemoryByteSource(Array(text.utf8)))
    try reader.forEachLine { scanner.scan($0, collect) }
    scanner.finish(collect)
    return (entries, scanner.statistics)
  }

  @Test func joinsContinuationLines() throws {
    let (entries, statistics) = try scan(
      """
      08/11/21-05:49:43:342 (18374) 0 [Generic.Event] INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE
      Journaling switched to: /iris/journal1/20210811.003
      08/11/21-05:49:44:000 (18374) 0 [Utility.Event] next
      """)
    #expect(entries.count == 2)
    #expect(entries[0].text == "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE\nJournaling switched to: /iris/journal1/20210811.003")
    #expect(entries[0].firstLineMessage == "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE")
    #expect(entries[0].lineCount == 2)
    #expect(entries[1].line == 3)
    #expect(statistics.entries == 2)
    #expect(statistics.unparsedLines == 0)
  }

  @Test func startupBlockAfterAnEmptyMessage() throws {
    let (entries, _) = try scan(
      """
      06/26/23-08:02:18:110 (144145) 0 [Generic.Event]
      Startup of InterSystems IRIS [IRIS for UNIX (Red Hat Enterprise Linux 8 for x86-64) 2023.1 (Build 235.1) Fri Jun 2 2023 13:26:47 EDT]
              in ../bin/
              with mgr: /intersystems/mgr
        ...
        System Initialized.
      """)
    #expect(entries.count == 1)
    #expect(entries[0].lineCount == 6)
    #expect(entries[0].firstLineMessage == "")
    #expect(entries[0].text.hasPrefix("\nStartup of InterSystems IRIS [IRIS for UNIX"))
  }

  @Test func recoveryBlockIsAnEntryOfItsOwn() throws {
    let (entries, statistics) = try scan(
      """
      08/11/21-05:49:43:390 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended

      *** Recovery started at Wed Aug 11 06:12:30 2021
           Current default directory: /usr/irissys/mgr
           ...
      Exiting with status 3 (Success)
      08/11/21-06:12:31:402 (31600) 2 [Generic.Event] Previous system shutdown was abnormal, system forced down or crashed
      """)
    #expect(entries.map(\.layout) == [.iris, .recovery, .iris])
    #expect(entries[0].text == "Backup.General.ExternalFreeze: System suspended\n")
    #expect(entries[1].line == 3)
    #expect(entries[1].lineCount == 4)
    #expect(entries[1].timestamp == LocalTimestamp(year: 2021, month: 8, day: 11, hour: 6, minute: 12, second: 30))
    #expect(entries[1].pid == nil)
    #expect(entries[1].firstLineMessage == "*** Recovery started at Wed Aug 11 06:12:30 2021")
    #expect(statistics.unparsedLines == 0)
  }

  @Test func junkBeforeTheFirstEntryIsUnparsed() throws {
    let (entries, statistics) = try scan("garbage\nmore garbage\n08/11/21-05:00:00:000 (1) 0 ok\ncontinued\n")
    #expect(entries.count == 1)
    #expect(entries[0].text == "ok\ncontinued")
    #expect(statistics.unparsedLines == 2)
  }

  @Test func linesWithNULBytesAreUnparsedAndSkipped() throws {
    let (entries, statistics) = try scan("08/11/21-05:00:00:000 (1) 0 a\nbin\u{0}ary\ntail\n")
    #expect(entries[0].text == "a\ntail")
    #expect(statistics.binaryLines == 1)
    #expect(statistics.unparsedLines == 1)
  }

  @Test func impossibleTimestampAndItsContinuationsAreUnparsed() throws {
    let (entries, statistics) = try scan(
      "08/11/21-05:00:00:000 (1) 0 a\n13/45/26-05:00:00:000 (1) 0 bad\n  its continuation\n08/11/21-05:00:01:000 (1) 0 b\n")
    #expect(entries.map(\.text) == ["a", "b"])
    #expect(statistics.impossibleTimestamps == 1)
    #expect(statistics.unparsedLines == 2)
  }

  @Test func countsEntriesOutOfOrder() throws {
    let (_, statistics) = try scan(
      "08/11/21-05:00:00:000 (1) 0 a\n08/11/21-04:00:00:000 (1) 0 b\n08/11/21-06:00:00:000 (1) 0 c\n")
    #expect(statistics.outOfOrderEntries == 1)
    #expect(statistics.firstEpochMilliseconds.map { CivilCalendar.rfc3339(epochMilliseconds: $0) } == "2021-08-11T04:00:00.000Z")
    #expect(statistics.lastEpochMilliseconds.map { CivilCalendar.rfc3339(epochMilliseconds: $0) } == "2021-08-11T06:00:00.000Z")
  }

  @Test func legacyYearsFromTheModificationTimeWithRollover() throws {
    let modified = LocalTimestamp(year: 2022, month: 1, day: 5, hour: 0, minute: 0, second: 0)
    let (entries, statistics) = try scan(
      "12/30-23:00:00:000 ( 2240) System Initialized.\n01/02-01:00:00:000 ( 2240) 4 errors during journal restore\n",
      legacyYear: .modificationTime(modified))
    #expect(entries.map(\.timestamp.year) == [2021, 2022])
    #expect(entries[1].text == "4 errors during journal restore")
    #expect(statistics.legacyYearSource == "file modification time (2022-01-05)")
  }

  @Test func legacyEntriesWithoutAYearAreUnparsed() throws {
    let (entries, statistics) = try scan("08/10-11:19:47:024 ( 2240) System Initialized.\n")
    #expect(entries.isEmpty)
    #expect(statistics.unparsedLines == 1)
    let (fixed, _) = try scan("02/29-11:19:47:024 ( 2240) leap\n", legacyYear: .fixed(2021))
    #expect(fixed.isEmpty)
  }

  @Test func structuredLinesAreEntriesAndHaveNoContinuations() throws {
    let (entries, statistics) = try scan(
      """
      when="2019-08-01 18:43:02.216" pid=8240 level=SEVERE event=Utility.Event text="Backup.General.ExternalThaw: Already resumed"
      {"when": "2019-08-01 18:43:03.000", "pid": 8541, "level": "INFO", "event": "Generic.Event", "text": "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE\\nJournaling switched to: /j/1"}
      not a structured line
      """)
    #expect(entries.count == 2)
    #expect(entries[0].layout == .structuredPairs)
    #expect(entries[0].category == "Utility.Event")
    #expect(entries[0].severity == 2)
    #expect(entries[1].pid == 8541)
    #expect(entries[1].firstLineMessage == "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE")
    #expect(statistics.unparsedLines == 1)
  }

  @Test func textIsCappedAndMemoryBounded() throws {
    let many = (0..<1000).map { "continuation line \($0)" }.joined(separator: "\n")
    let (entries, statistics) = try scan(
      "08/11/21-05:00:00:000 (1) 0 start\n\(many)\n08/11/21-05:00:01:000 (1) 0 next\n",
      configuration: .init(maximumTextLength: 100))
    #expect(entries[0].text.utf8.count == 100)
    #expect(entries[0].lineCount == 1001)
    #expect(entries[1].text == "next")
    #expect(statistics.truncatedEntries == 1)
  }
}
