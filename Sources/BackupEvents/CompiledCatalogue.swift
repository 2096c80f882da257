/// A message catalogue with its patterns compiled and its group numbers looked up once.
public final class CompiledCatalogue: Sendable {
  /// One compiled catalogue entry.
  struct Compiled: Sendable {
    let entry: CatalogueEntry
    let pattern: CompiledPattern
    /// The literal text every match begins with (`AnchoredPrefix`); empty: none known.
    let prefix: [UInt8]
    /// Index into `literals` of this entry's literal, or nil.
    let literalIndex: Int?
    let checkpointGroup: Int?
    let fileGroup: Int?
    let directoryGroup: Int?
    let countGroup: Int?
    let reasonGroup: Int?
    let utcGroup: Int?
    let methodGroup: Int?
  }

  let compiled: [Compiled]
  /// The distinct literals, each searched once per entry by the prefilter.
  let literals: [[UInt8]]
  /// True when some entry has no literal, so every entry must reach PCRE2.
  let hasUnfilteredEntries: Bool
  /// Marks the lines holding a literal, for the reader's whole-buffer prefilter; nil when some
  /// entry has no literal or a literal could span lines (every line then counts as marked).
  public let lineMarker: LiteralMarker?

  /// Compiles every pattern of `catalogue`; throws on the first that does not compile.
  public init(_ catalogue: MessageCatalogue) throws {
    var literals: [[UInt8]] = []
    compiled = try catalogue.entries.map { entry in
      let pattern = try CompiledPattern(entry.pattern)
      var literalIndex: Int?
      let literal = entry.literal.map { Array($0.utf8) } ?? []
      if !literal.isEmpty {
        if let index = literals.firstIndex(of: literal) {
          literalIndex = index
        } else {
          literals.append(literal)
          literalIndex = literals.count - 1
        }
      }
      return Compiled(
        entry: entry, pattern: pattern, prefix: AnchoredPrefix.literal(of: entry.pattern),
        literalIndex: literalIndex,
        checkpointGroup: pattern.groupNumber(named: "checkpoint"),
        fileGroup: pattern.groupNumber(named: "file"),
        directoryGroup: pattern.groupNumber(named: "directory"),
        countGroup: pattern.groupNumber(named: "count"),
        reasonGroup: pattern.groupNumber(named: "reason")
          ?? pattern.groupNumber(named: "activities"),
        utcGroup: pattern.groupNumber(named: "utc"),
        methodGroup: pattern.groupNumber(named: "method"))
    }
    self.literals = literals
    hasUnfilteredEntries = compiled.contains { $0.literalIndex == nil }
    lineMarker = hasUnfilteredEntries ? nil : LiteralMarker(literals: literals)
  }

  /// The marker of the literals of every entry not of `kinds`: a reading that drops those kinds
  /// (`ReadingOptions.droppedKinds`) need not look at the entries only they would match. A
  /// literal another entry shares stays. `lineMarker` itself when no literal goes; nil when
  /// some entry has no literal, or every literal goes (every line then counts as marked).
  public func lineMarker(leavingOut kinds: Set<EventKind>) -> LiteralMarker? {
    guard let lineMarker, !kinds.isEmpty else { return lineMarker }
    let kept = Set(compiled.filter { !kinds.contains($0.entry.kind) }.compactMap(\.literalIndex))
    guard kept.count < literals.count else { return lineMarker }
    return LiteralMarker(literals: literals.indices.filter(kept.contains).map { literals[$0] })
  }

  /// The catalogue of SPEC §3.3, compiled once per process.
  public static let standard: CompiledCatalogue = {
    do {
      return try CompiledCatalogue(.standard)
    } catch {
      fatalError("the built-in catalogue does not compile: \(error)")
    }
  }()
}
