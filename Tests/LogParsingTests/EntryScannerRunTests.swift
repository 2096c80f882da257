import Foundation
import LogReading
import Testing

@testable import LogParsing

/// `EntryScanner.scanUnmarkedRun` takes runs of unmarked lines whole: whatever it takes, the
/// entries handed out and every count must be exactly those of the same lines scanned one by
/// one, on every shape of line the scanner tells apart, in every buffer size.
struct EntryScannerRunTests {
  /// Marks every occurrence of `Backup.`, as the catalogue's marker marks its literals.
  struct BackupMarker: LineMarker {
    func firstMark(in bytes: UnsafeRawBufferPointer) -> Int? {
      let needle = Array("Backup.".utf8)
      guard bytes.count >= needle.count else { return nil }
      return (0...(bytes.count - needle.count)).first {
        bytes[$0] == needle[0] && bytes[$0..<($0 + needle.count)].elementsEqual(needle)
      }
    }
  }

  /// An entry copied out of the scanner's callback, every field of it.
  struct Scanned: Equatable {
    var layout: EntryLayout
    var line: Int
    var lineCount: Int
    var timestamp: LocalTimestamp
    var epochMilliseconds: Int64
    var timeStatus: LocalTimeStatus
    var pid: Int?
    var severity: Int?
    var category: String?
    var rawFirstLine: [UInt8]
    var text: [UInt8]
    var firstLineMessageLength: Int
    var isTextTruncated: Bool
    var isMarked: Bool

    init(_ entry: Entry) {
      layout = entry.layout
      line = entry.line
      lineCount = entry.lineCount
      timestamp = entry.timestamp
      epochMilliseconds = entry.epochMilliseconds
      timeStatus = entry.timeStatus
      pid = entry.pid
      severity = entry.severity
      category = entry.category.map { String(decoding: $0, as: UTF8.self) }
      rawFirstLine = Array(entry.rawFirstLine)
      text = Array(entry.text)
      firstLineMessageLength = entry.firstLineMessageLength
      isTextTruncated = entry.isTextTruncated
      isMarked = entry.isMarked
    }
  }

  /// What one way of scanning gave.
  struct Outcome: Equatable {
    var entries: [Scanned]
    var statistics: EntryStatistics
    var lines: LineStatistics
  }

  /// A small deterministic generator (Knuth's MMIX LCG), so a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next(_ bound: Int) -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int((state >> 33) % UInt64(bound))
    }
  }

  /// A log of every shape the scanner tells apart, over the days on which Paris changes its
  /// clocks (so some days have one UTC offset and some do not): one-line and multi-line
  /// entries, marked first and continuation lines, CRLF, out-of-order and repeated times,
  /// continuation lines starting with a digit or `*`, a recovery block, legacy and impossible
  /// timestamps, structured lines (runs of the JSON form among them), junk, NUL bytes, blank lines, lines longer than the
  /// evidence, the text limit and the line limit.
  static func corpus(seed: UInt64) -> [UInt8] {
    var generator = Generator(state: seed)
    func next(_ bound: Int) -> Int { generator.next(bound) }
    var out = ""
    // 2021-03-27 20:00 to 2021-03-28 06:00 local, then 2021-10-30 20:00 onwards.
    var seconds = 0
    var base = (month: 3, day: 27, hour: 20)
    func stamp(_ offset: Int) -> String {
      let total = base.hour * 3600 + max(0, seconds + offset)
      let day = base.day + total / 86_400
      let rest = total % 86_400
      return String(
        format: "%02d/%02d/21-%02d:%02d:%02d:%03d", base.month, day, rest / 3600, rest / 60 % 60,
        rest % 60, next(1000))
    }
    for index in 0..<3000 {
      if index == 1500 {
        base = (10, 30, 20)
        seconds = 0
      }
      seconds += 1 + next(40)
      let end = next(10) == 0 ? "\r\n" : "\n"
      switch next(44) {
      case 0..<22:
        out += "\(stamp(0)) (\(next(90000))) \(next(4)) [Utility.Event] noise \(index)" + end
      case 22, 23:
        out += "\(stamp(0)) (9) 0 [Generic.Event] multi \(index)\(end)  in /usr/bin/\(end)\(end)"
        if next(3) == 0 { out += "Journaling switched to: /j/\(index)" + end }
      case 24:
        out += "\(stamp(0)) (9) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended" + end
      case 25:
        out += "\(stamp(0)) (9) 0 [Generic.Event] marked later\(end)  Backup.General.x\(end)"
      case 26:
        // Text past the 256-byte limit: one byte more, exactly at it, or short of it.
        // "long" and four lines: 4 + 63 + 64 + 64 + 61 is 256.
        let lengths = [[62, 63, 63, 60], [62, 63, 63, 61], [40, 40, 40, 40], [100, 100, 200]][next(4)]
        out += "\(stamp(0)) (9) 0 [Utility.Event] long"
        for length in lengths { out += end + String(repeating: "t", count: length) }
        out += end
      case 27: out += "\(stamp(-120)) (9) 0 [Utility.Event] earlier than the one before" + end
      case 28: out += "\(stamp(0)) (9) 0 [Utility.Event] twice\(end)\(stamp(0)) (9) 0 x\(end)"
      case 29: out += "\(stamp(0)) (9) 0 [U] e\(end)2021 starts with a digit\(end)"
      case 30: out += "\(stamp(0)) (9) 0 [U] e\(end)*** Recovery started at Sun Mar 28 02:30:00 2021\(end)"
      case 31: out += "\(stamp(0)) (9) 0 [U] e\(end)* a star\(end)"
      case 32: out += "03/28-01:00:00:000 (9) 0 legacy" + end
      case 33: out += "13/45/21-01:00:00:000 (9) 0 impossible" + end
      case 34:
        out += #"when="2021-03-28 01:00:00.000" pid=9 level=INFO event=E text="x""# + end
        out += #"{"when": "2021-03-28 01:00:00.000", "text": "y"}"# + end
      case 35: out += "junk \(index)" + end
      case 36: out += "\(stamp(0)) (9) 0 [U] nul \u{0} byte" + end
      case 37: out += "\(stamp(0)) (9) 0 [U] " + String(repeating: "e", count: 190 + next(20)) + end
      case 38: out += "\(stamp(0)) (9) 0 [U] " + String(repeating: "w", count: 290 + next(40)) + end
      // Marked lines holding a NUL byte after the mark, or before it: a line with one ends no
      // entry, so the entry before it is not whole.
      case 42: out += "\(stamp(0)) (9) 0 [U] Backup.General.x \u{0} after" + end
      case 43: out += "\(stamp(0)) (9) 0 [U] \u{0} Backup.General.x before" + end
      case 40, 41:
        for _ in 0..<(1 + next(4)) {
          let when = stamp(0)
          let json = "20\(when.dropFirst(6).prefix(2))-\(when.prefix(2))-\(when.dropFirst(3).prefix(2)) "
            + "\(when.dropFirst(9).prefix(8)).\(when.suffix(3))"
          out += #"{"when": ""# + json + #"", "pid": "9", "text": "json \#(index)"}"# + end
          seconds += 1
          if next(8) == 0 {
            // The same day at an hour that does not exist.
            out += #"{"when": ""# + json.prefix(11) + #"24:00:00.000", "text": "no"}"# + end
          }
        }
      default: out += end
      }
    }
    return Array(out.utf8)
  }

  /// The structured log's JSON form over the same days: plain lines, marked ones, escaped
  /// ones, times that do not exist, keys out of order, a second `when`, blank lines, a line of
  /// the name/value form, IRIS lines between them, CRLF.
  static func jsonCorpus(seed: UInt64) -> [UInt8] {
    var generator = Generator(state: seed)
    func next(_ bound: Int) -> Int { generator.next(bound) }
    var out = ""
    var seconds = 0
    for index in 0..<3000 {
      seconds += 1 + next(40)
      let day = (index < 1500 ? 27 : 30) + seconds / 86_400 % 2
      let month = index < 1500 ? 3 : 10
      let rest = (72_000 + seconds) % 86_400
      let when = String(
        format: "2021-%02d-%02d %02d:%02d:%02d.%03d", month, day, rest / 3600, rest / 60 % 60,
        rest % 60, next(1000))
      let end = next(10) == 0 ? "\r\n" : "\n"
      switch next(20) {
      case 0..<12: out += #"{"when": ""# + when + #"", "pid": "9", "text": "plain \#(index)"}"# + end
      case 12: out += #"{"when": ""# + when + #"", "text": "Backup.General.ExternalFreeze: System suspended"}"# + end
      case 13: out += #"{"when": ""# + when + #"", "text": "with \"escape\""}"# + end
      case 14: out += #"{"when": ""# + when.prefix(11) + #"25:00:00.000", "text": "no"}"# + end
      case 15: out += #"{"text": "first", "pid": 9, "when": ""# + when + #""}"# + end
      case 16: out += #"{"when": "2021-01-01 00:00:00", "when": ""# + when + #""}"# + end
      case 17: out += end
      case 18: out += #"when=""# + when + #"" pid=9 text="pairs""# + end
      default:
        out += "\(String(format: "%02d/%02d/21-%02d:%02d:%02d:000", month, day, rest / 3600, rest / 60 % 60, rest % 60)) (9) 0 [U] iris\(end)"
      }
    }
    return Array(out.utf8)
  }

  @Test(arguments: ["UTC", "Europe/Paris"], [61, 1 << 16, nil])
  func runsOfTheJSONFormGiveWhatLineByLineGives(zone: String, capacity: Int?) throws {
    let bytes = Self.jsonCorpus(seed: 3)
    for skipped in Self.skipRanges {
      let lineByLine = try scan(bytes, zone: zone, capacity: capacity, skipped: skipped, runs: false)
      let withRuns = try scan(bytes, zone: zone, capacity: capacity, skipped: skipped, runs: true)
      expectSame(
        withRuns.outcome, lineByLine.outcome, skipped: skipped,
        "skipped \(String(describing: skipped))")
      if skipped == Int64.min..<Int64.max && capacity ?? .max >= 4096 && zone == "UTC" {
        #expect(withRuns.linesTaken > withRuns.outcome.lines.lines / 10)
      }
    }
  }

  /// The corpus scanned line by line, or with its unmarked runs offered to the scanner: read
  /// through a buffer of `capacity` bytes, or in place (nil), where lines longer than the
  /// 300-byte limit (which a streaming buffer never holds) are cut.
  func scan(
    _ bytes: [UInt8], zone: String, capacity: Int?, skipped: Range<Int64>?, runs: Bool
  ) throws -> (outcome: Outcome, linesTaken: Int) {
    let configuration = EntryScanner.Configuration(
      maximumTextLength: 256, maximumEvidenceLength: 200, unmarkedEntriesSkipped: skipped)
    let scanner = EntryScanner(
      converter: LocalTimeConverter(timeZone: TimeZone(identifier: zone)!),
      legacyYear: .fixed(2021), configuration: configuration)
    var entries: [Scanned] = []
    let collect: (Entry) -> Void = { entries.append(Scanned($0)) }
    let maximumLineLength = capacity == nil ? 300 : 1 << 20
    var linesTaken = 0
    func run(_ lines: LineReader.UnmarkedLines) -> (bytes: Int, lines: Int) {
      guard runs else { return (0, 0) }
      let taken = scanner.scanUnmarkedRun(lines, maximumLineLength: maximumLineLength, collect)
      linesTaken += taken.lines
      return taken
    }
    let lines: LineStatistics
    if let capacity {
      let reader = LineReader(
        source: MemoryByteSource(bytes),
        configuration: .init(
          initialCapacity: capacity, maximumLineLength: maximumLineLength, marker: BackupMarker()))
      if runs {
        try reader.forEachLine({ scanner.scan($0, collect) }, runs: run)
      } else {
        try reader.forEachLine { scanner.scan($0, collect) }
      }
      lines = reader.statistics
    } else {
      lines = bytes.withUnsafeBytes { buffer in
        runs
          ? LineReader.forEachLine(
            in: buffer, maximumLineLength: maximumLineLength, marker: BackupMarker(),
            { scanner.scan($0, collect) }, runs: run)
          : LineReader.forEachLine(
            in: buffer, maximumLineLength: maximumLineLength, marker: BackupMarker()
          ) { scanner.scan($0, collect) }
      }
    }
    scanner.finish(collect)
    return (Outcome(entries: entries, statistics: scanner.statistics, lines: lines), linesTaken)
  }

  /// Records the first difference between two outcomes, not both whole. Of the entries, those
  /// the scanner must hand out are compared: the marked ones and those timed outside `skipped`
  /// (the others it may leave out, and leaves out in runs, multi-line ones included).
  func expectSame(
    _ found: Outcome, _ expected: Outcome, skipped: Range<Int64>?, _ context: String
  ) {
    #expect(found.statistics == expected.statistics, "\(context)")
    #expect(found.lines == expected.lines, "\(context)")
    func required(_ entries: [Scanned]) -> [Scanned] {
      entries.filter { $0.isMarked || !(skipped?.contains($0.epochMilliseconds) ?? false) }
    }
    let found = required(found.entries)
    let expected = required(expected.entries)
    #expect(found.count == expected.count, "\(context)")
    if let index = found.indices.first(where: {
      $0 < expected.count && found[$0] != expected[$0]
    }) {
      Issue.record(
        "\(context): entry \(index) is \(found[index]), not \(expected[index])")
    }
  }

  static let skipRanges: [Range<Int64>?] = [
    nil, Int64.min..<Int64.max,
    // 2021-03-27 22:00 to 2021-10-30 23:00 UTC: runs end where it does.
    1_616_882_400_000..<1_635_634_800_000,
  ]

  @Test(arguments: ["UTC", "Europe/Paris"], [1, 61, 4096, 1 << 16, nil])
  func runsGiveWhatLineByLineGives(zone: String, capacity: Int?) throws {
    for seed: UInt64 in [1, 2] {
      let bytes = Self.corpus(seed: seed)
      for skipped in Self.skipRanges {
        let lineByLine = try scan(bytes, zone: zone, capacity: capacity, skipped: skipped, runs: false)
        let withRuns = try scan(bytes, zone: zone, capacity: capacity, skipped: skipped, runs: true)
        expectSame(
          withRuns.outcome, lineByLine.outcome, skipped: skipped, "seed \(seed), skipped \(String(describing: skipped))")
        #expect(lineByLine.linesTaken == 0)
        if skipped == nil {
          #expect(withRuns.linesTaken == 0, "nothing is skipped, so no run is taken")
        } else if skipped == Int64.min..<Int64.max && capacity ?? .max >= 4096 && zone == "UTC" {
          // The runs took most lines: the test would see a run that counted wrong.
          #expect(withRuns.linesTaken > withRuns.outcome.lines.lines / 3)
        }
      }
    }
  }

  /// Counts that only runs could get wrong, each of its own: out-of-order entries, the text
  /// limit crossed by one byte and met exactly, the first and last instants.
  @Test func runsCountWhatTheyTake() throws {
    let text = """
      08/11/21-05:00:00:000 (1) 0 [U] a
      08/11/21-05:00:03:000 (1) 0 [U] long
      \(String(repeating: "x", count: 252))
      08/11/21-05:00:04:000 (1) 0 [U] c
      \(String(repeating: "y", count: 254))
      08/11/21-05:00:01:000 (1) 0 [U] back in time
      08/11/21-05:00:05:000 (1) 0 [U] d
      08/11/21-05:00:06:000 (1) 0 [U] Backup.General.ExternalFreeze: System suspended
      08/11/21-05:00:07:000 (1) 0 [U] last

      """
    let bytes = Array(text.utf8)
    let whole = Int64.min..<Int64.max
    let lineByLine = try scan(bytes, zone: "UTC", capacity: 1 << 16, skipped: whole, runs: false)
    let withRuns = try scan(bytes, zone: "UTC", capacity: 1 << 16, skipped: whole, runs: true)
    expectSame(withRuns.outcome, lineByLine.outcome, skipped: whole, "")
    #expect(
      withRuns.linesTaken == 7,
      "a, long (one byte over the limit), c (at it), back in time, and d: the marked line after it starts an entry")
    #expect(withRuns.outcome.statistics.outOfOrderEntries == 1)
    #expect(withRuns.outcome.statistics.truncatedEntries == 1)
    #expect(withRuns.outcome.statistics.entries == 7)
    #expect(withRuns.outcome.statistics.firstEpochMilliseconds == 1_628_658_000_000)
    #expect(withRuns.outcome.entries.map(\.line) == [8], "the marked entry alone")
  }
}
