import CByteSearch

#if canImport(Glibc)
  import Glibc
#endif
import LogParsing

/// Turns entries into backup events with the catalogue; one per worker thread (it owns the
/// PCRE2 match data).
///
/// The prefilter has two stages. The reader marks the lines holding a catalogue literal
/// (`CompiledCatalogue.lineMarker`, one pass over whole buffers), so an unmarked entry is no
/// event; then each literal is looked for in a marked entry's text with `memmem`, and only
/// entries holding one reach PCRE2, with only the patterns of the literals found. It may let
/// through entries that are no event, never the reverse, so turning it off must change nothing
/// but the time taken. Entries must come from a reader that used this catalogue's marker or none.
public final class EventExtractor {
  private let catalogue: CompiledCatalogue
  private let matchData: MatchData
  /// Entries PCRE2 gave up on (a match limit, another error) since the last `takeMatchErrors`.
  private var matchErrors = 0
  private var lastMatchError: String?
  private let usesPrefilter: Bool
  /// What the prefilter checks of each catalogue entry, in the catalogue's order: plain values,
  /// so that the per-entry loop copies and retains nothing.
  private let plans: [Plan]
  /// The entries' literal prefixes, end to end (`Plan.prefix` ranges into it).
  private let prefixBytes: [UInt8]
  /// Scratch: per literal, whether the current entry holds it (0 not looked for yet, 1 yes,
  /// 2 no); reset for every entry, filled only for the literals a candidate needs.
  private var literalStates: [UInt8]

  /// One catalogue entry as the prefilter sees it.
  private struct Plan {
    /// Index into the catalogue's literals; -1 for none.
    var literal: Int
    var isWholeEntry: Bool
    /// Where its anchored prefix lies in `prefixBytes`; empty for none.
    var prefix: Range<Int>
  }

  /// Creates an extractor; `usesPrefilter: false` tries every pattern on every entry.
  public init(catalogue: CompiledCatalogue = .standard, usesPrefilter: Bool = true) {
    self.catalogue = catalogue
    self.usesPrefilter = usesPrefilter
    matchData = MatchData(for: catalogue.compiled.map(\.pattern))
    var bytes: [UInt8] = []
    plans = catalogue.compiled.map { compiled in
      let start = bytes.count
      bytes += compiled.prefix
      return Plan(
        literal: compiled.literalIndex ?? -1, isWholeEntry: compiled.entry.scope == .wholeEntry,
        prefix: start..<bytes.count)
    }
    prefixBytes = bytes
    literalStates = Array(repeating: 0, count: catalogue.literals.count)
  }

  /// The event `entry` is, if any.
  public func event(in entry: Entry, server: String, path: String) -> BackupEvent? {
    if usesPrefilter {
      // An unmarked entry holds no literal: the reader's marker searched all of its lines.
      guard entry.isMarked || catalogue.hasUnfilteredEntries else { return nil }
      for index in literalStates.indices { literalStates[index] = 0 }
    }
    for index in plans.indices {
      let plan = plans[index]
      let subject = plan.isWholeEntry ? entry.text : entry.firstLineMessage
      if usesPrefilter {
        // Most candidates of a dense log differ from every wording in their first bytes.
        guard startsWithPrefix(subject, plan.prefix) else { continue }
        guard plan.literal < 0 || holdsLiteral(entry.text, plan.literal) else { continue }
      }
      // Only the pattern is read here: the whole entry is copied for an event alone.
      switch catalogue.compiled[index].pattern.match(subject, using: matchData) {
      case .match(let groups):
        return makeEvent(
          entry, catalogue.compiled[index], groups, subject, server: server, path: path)
      case .noMatch:
        continue
      case .error(let message):
        // Not known to be no event: counted, and the input reported as read in part.
        matchErrors += 1
        lastMatchError = "\(message) (pattern of \(catalogue.compiled[index].entry.kind.rawValue))"
      }
    }
    return nil
  }

  /// The entries PCRE2 gave up on since the last call, with the last error's text; resets
  /// the count.
  public func takeMatchErrors() -> (count: Int, last: String?) {
    defer {
      matchErrors = 0
      lastMatchError = nil
    }
    return (matchErrors, lastMatchError)
  }

  private func makeEvent(
    _ entry: Entry, _ candidate: CompiledCatalogue.Compiled, _ groups: [Range<Int>?],
    _ subject: UnsafeRawBufferPointer, server: String, path: String
  ) -> BackupEvent {
    func group(_ number: Int?) -> String? {
      guard let number, number < groups.count, let range = groups[number] else { return nil }
      return String(decoding: UnsafeRawBufferPointer(rebasing: subject[range]), as: UTF8.self)
    }
    return BackupEvent(
      server: server, path: path, line: entry.line, epochMilliseconds: entry.epochMilliseconds,
      localTime: entry.timestamp, timeStatus: entry.timeStatus, pid: entry.pid,
      severity: entry.severity,
      category: entry.category.map { String(decoding: $0, as: UTF8.self) },
      kind: candidate.entry.kind, checkpoint: group(candidate.checkpointGroup).flatMap { Int($0) },
      journalFile: group(candidate.fileGroup), directory: group(candidate.directoryGroup),
      count: group(candidate.countGroup).flatMap { Int($0) }, reason: group(candidate.reasonGroup),
      statedUTC: group(candidate.utcGroup).flatMap(Self.statedUTC),
      method: group(candidate.methodGroup),
      text: String(decoding: entry.rawFirstLine, as: UTF8.self))
  }

  /// `03/26/2025 05:43:16.626` (the UTC time an `instance-start` states) in milliseconds since
  /// the epoch; nil when it is no real time.
  static func statedUTC(_ text: String) -> Int64? {
    let digits = text.split { $0 == "/" || $0 == " " || $0 == ":" || $0 == "." }.map { Int($0) }
    guard digits.count >= 6, digits.allSatisfy({ $0 != nil }) else { return nil }
    let fraction = text.split(separator: ".").dropFirst().first.map(String.init) ?? ""
    let milliseconds = (Int(fraction.padding(toLength: 3, withPad: "0", startingAt: 0)) ?? 0)
    let stamp = LocalTimestamp(
      year: digits[2]!, month: digits[0]!, day: digits[1]!, hour: digits[3]!, minute: digits[4]!,
      second: digits[5]!, millisecond: milliseconds)
    guard stamp.isValid else { return nil }
    return stamp.secondsAsIfUTC * 1000 + Int64(milliseconds)
  }

  /// True when `subject` begins with the prefix at `range` of `prefixBytes` (always for an
  /// empty one).
  private func startsWithPrefix(_ subject: UnsafeRawBufferPointer, _ range: Range<Int>) -> Bool {
    guard !range.isEmpty else { return true }
    guard subject.count >= range.count, let base = subject.baseAddress else { return false }
    return prefixBytes.withUnsafeBytes {
      memcmp(base, $0.baseAddress! + range.lowerBound, range.count) == 0
    }
  }

  /// True when `text` holds the catalogue's literal `index`; looked for once per entry.
  private func holdsLiteral(_ text: UnsafeRawBufferPointer, _ index: Int) -> Bool {
    if literalStates[index] == 0 {
      literalStates[index] = contains(text, catalogue.literals[index]) ? 1 : 2
    }
    return literalStates[index] == 1
  }

  /// True when `haystack` holds `needle`.
  private func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count, let base = haystack.baseAddress else { return false }
    return needle.withUnsafeBytes {
      byte_search_memmem(base, haystack.count, $0.baseAddress!, needle.count)
    }
      != nil
  }
}
