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
/// event. A marked entry's message is then walked along the catalogue's anchored prefixes
/// (`CatalogueDispatch`), which names the few entries it may match; of those, only the ones
/// whose literal the entry holds (looked for with `memmem`, unless their prefix holds it) reach
/// PCRE2, in the catalogue's order. A decoy that mentions a backup class thus costs one walk
/// and at most one match. It may let through entries that are no event, never the reverse, so
/// turning it off must change nothing but the time taken. Entries must come from a reader that
/// used this catalogue's marker or none.
public final class EventExtractor {
  private let catalogue: CompiledCatalogue
  private let matchData: MatchData
  /// Entries PCRE2 gave up on (a match limit, another error) since the last `takeMatchErrors`.
  private var matchErrors = 0
  private var lastMatchError: String?
  private let usesPrefilter: Bool
  /// What the prefilter checks of each catalogue entry, in the catalogue's order: plain values
  /// behind a pointer, so that the per-entry path copies and retains nothing.
  private let plans: UnsafeMutableBufferPointer<Plan>
  /// The catalogue's distinct literals, end to end (`literalRanges` index into it).
  private let literalBytes: UnsafeMutableBufferPointer<UInt8>
  private let literalRanges: UnsafeMutableBufferPointer<Range<Int>>
  /// Per literal, `entryNumber << 1 | found` once looked for in entry `entryNumber`: a literal
  /// is looked for once per entry, and nothing is reset between entries.
  private let literalStates: UnsafeMutableBufferPointer<UInt64>
  private var entryNumber: UInt64 = 0
  private let dispatch: CatalogueDispatch

  /// One catalogue entry as the prefilter sees it.
  private struct Plan {
    // SAFETY: unmanaged, so that reading a plan and matching its pattern retain nothing:
    // `catalogue`, which the extractor holds, keeps every pattern alive.
    let pattern: Unmanaged<CompiledPattern>
    /// Index into the catalogue's literals; -1 for none, or when the prefix holds it (the
    /// dispatch has then checked it).
    let literal: Int
    let isWholeEntry: Bool
    /// The event's kind and the pattern's group numbers (`CompiledCatalogue.Compiled`'s),
    /// copied here so that making an event copies no catalogue entry.
    let kind: EventKind
    let groups: Groups
  }

  /// The group numbers of one pattern's named fields.
  private struct Groups {
    let checkpoint: Int?
    let file: Int?
    let directory: Int?
    let count: Int?
    let reason: Int?
    let utc: Int?
    let method: Int?
  }

  /// Creates an extractor; `usesPrefilter: false` tries every pattern on every entry.
  public init(catalogue: CompiledCatalogue = .standard, usesPrefilter: Bool = true) {
    self.catalogue = catalogue
    self.usesPrefilter = usesPrefilter
    matchData = MatchData(for: catalogue.compiled.map(\.pattern))
    plans = .allocate(capacity: max(catalogue.compiled.count, 1))
    for (index, compiled) in catalogue.compiled.enumerated() {
      var literal = compiled.literalIndex ?? -1
      if literal >= 0 && Self.holds(compiled.prefix, catalogue.literals[literal]) { literal = -1 }
      (plans.baseAddress! + index).initialize(
        to: Plan(
          pattern: .passUnretained(compiled.pattern), literal: literal,
          isWholeEntry: compiled.entry.scope == .wholeEntry, kind: compiled.entry.kind,
          groups: Groups(
            checkpoint: compiled.checkpointGroup, file: compiled.fileGroup,
            directory: compiled.directoryGroup, count: compiled.countGroup,
            reason: compiled.reasonGroup, utc: compiled.utcGroup,
            method: compiled.methodGroup)))
    }
    let literals = catalogue.literals
    literalBytes = .allocate(capacity: max(literals.reduce(0) { $0 + $1.count }, 1))
    literalRanges = .allocate(capacity: max(literals.count, 1))
    var start = 0
    for (index, literal) in literals.enumerated() {
      for (offset, byte) in literal.enumerated() { literalBytes[start + offset] = byte }
      literalRanges[index] = start..<(start + literal.count)
      start += literal.count
    }
    literalStates = .allocate(capacity: max(literals.count, 1))
    literalStates.initialize(repeating: 0)
    dispatch = CatalogueDispatch(
      prefixes: catalogue.compiled.map { AnchoredPrefix.elements(of: $0.entry.pattern) },
      isWholeEntry: catalogue.compiled.map { $0.entry.scope == .wholeEntry })
  }

  deinit {
    plans.deallocate()
    literalBytes.deallocate()
    literalRanges.deallocate()
    literalStates.deallocate()
    dispatch.deallocate()
  }

  /// The event `entry` is, if any.
  public func event(in entry: Entry, server: String, path: String) -> BackupEvent? {
    guard usesPrefilter else {
      for index in 0..<catalogue.compiled.count {
        if let event = attempt(index, entry, server: server, path: path) { return event }
      }
      return nil
    }
    // An unmarked entry holds no literal: the reader's marker searched all of its lines.
    guard entry.isMarked || catalogue.hasUnfilteredEntries else { return nil }
    entryNumber += 1
    for candidate in dispatch.candidates(
      of: entry.text, firstLineLength: entry.firstLineMessageLength)
    {
      let index = Int(candidate)
      let literal = plans[index].literal
      guard literal < 0 || holdsLiteral(entry.text, literal) else { continue }
      if let event = attempt(index, entry, server: server, path: path) { return event }
    }
    return nil
  }

  /// Matches catalogue entry `index` against `entry`: its event, or nil (a PCRE2 error
  /// counted).
  @inline(__always)
  private func attempt(_ index: Int, _ entry: Entry, server: String, path: String)
    -> BackupEvent?
  {
    let plan = plans[index]
    let subject = plan.isWholeEntry ? entry.text : entry.firstLineMessage
    let outcome = plan.pattern._withUnsafeGuaranteedRef { $0.match(subject, using: matchData) }
    switch outcome {
    case .match(let groups):
      return makeEvent(entry, plan, groups, subject, server: server, path: path)
    case .noMatch:
      return nil
    case .error(let message):
      // Not known to be no event: counted, and the input reported as read in part.
      matchErrors += 1
      lastMatchError = "\(message) (pattern of \(catalogue.compiled[index].entry.kind.rawValue))"
      return nil
    }
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
    _ entry: Entry, _ plan: Plan, _ groups: [Range<Int>?],
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
      kind: plan.kind, checkpoint: group(plan.groups.checkpoint).flatMap { Int($0) },
      journalFile: group(plan.groups.file), directory: group(plan.groups.directory),
      count: group(plan.groups.count).flatMap { Int($0) }, reason: group(plan.groups.reason),
      statedUTC: group(plan.groups.utc).flatMap(Self.statedUTC),
      method: group(plan.groups.method),
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

  /// True when `text` holds the catalogue's literal `index`; looked for once per entry.
  private func holdsLiteral(_ text: UnsafeRawBufferPointer, _ index: Int) -> Bool {
    let state = literalStates[index]
    if state >> 1 == entryNumber { return state & 1 == 1 }
    let range = literalRanges[index]
    let holds =
      text.count >= range.count
      && byte_search_contains(
        text.baseAddress!.assumingMemoryBound(to: UInt8.self), text.count,
        literalBytes.baseAddress! + range.lowerBound, range.count) == 1
    literalStates[index] = entryNumber << 1 | (holds ? 1 : 0)
    return holds
  }

  /// True when `haystack` holds `needle`.
  private static func holds(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty, haystack.count >= needle.count else { return needle.isEmpty }
    return (0...(haystack.count - needle.count)).contains {
      haystack[$0..<($0 + needle.count)].elementsEqual(needle)
    }
  }
}
