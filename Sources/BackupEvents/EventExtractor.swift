import CByteSearch
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
  /// Scratch: which literals the current entry holds; reused between entries.
  private var foundLiterals: [Bool]

  /// Creates an extractor; `usesPrefilter: false` tries every pattern on every entry.
  public init(catalogue: CompiledCatalogue = .standard, usesPrefilter: Bool = true) {
    self.catalogue = catalogue
    self.usesPrefilter = usesPrefilter
    matchData = MatchData(for: catalogue.compiled.map(\.pattern))
    foundLiterals = Array(repeating: false, count: catalogue.literals.count)
  }

  /// The event `entry` is, if any.
  public func event(in entry: Entry, server: String, path: String) -> BackupEvent? {
    if usesPrefilter {
      // An unmarked entry holds no literal: the reader's marker searched all of its lines.
      guard entry.isMarked || catalogue.hasUnfilteredEntries else { return nil }
      var isCandidate = false
      for index in catalogue.literals.indices {
        let found = contains(entry.text, catalogue.literals[index])
        foundLiterals[index] = found
        isCandidate = isCandidate || found
      }
      guard isCandidate || catalogue.hasUnfilteredEntries else { return nil }
    }
    for candidate in catalogue.compiled {
      if usesPrefilter, let index = candidate.literalIndex, !foundLiterals[index] { continue }
      let subject = candidate.entry.scope == .firstLine ? entry.firstLineMessage : entry.text
      switch candidate.pattern.match(subject, using: matchData) {
      case .match(let groups):
        return makeEvent(entry, candidate, groups, subject, server: server, path: path)
      case .noMatch:
        continue
      case .error(let message):
        // Not known to be no event: counted, and the input reported as read in part.
        matchErrors += 1
        lastMatchError = "\(message) (pattern of \(candidate.entry.kind.rawValue))"
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

  /// True when `haystack` holds `needle`.
  private func contains(_ haystack: UnsafeRawBufferPointer, _ needle: [UInt8]) -> Bool {
    guard haystack.count >= needle.count, let base = haystack.baseAddress else { return false }
    return needle.withUnsafeBytes {
      byte_search_memmem(base, haystack.count, $0.baseAddress!, needle.count)
    }
      != nil
  }
}
