@testable import BackupEvents
import Testing

/// Issue 13: the walk along the catalogue's prefixes names every entry a message may match (a
/// prefilter: false candidates allowed, never a missed one), in the catalogue's order.
struct CatalogueDispatchTests {
  /// The candidates of `message` in `catalogue`, the first `firstLine` bytes (all: nil) its
  /// first line.
  func candidates(
    _ message: String, _ catalogue: CompiledCatalogue = .standard, firstLine: Int? = nil
  ) -> [Int] {
    let dispatch = CatalogueDispatch(
      prefixes: catalogue.compiled.map { AnchoredPrefix.elements(of: $0.entry.pattern) },
      isWholeEntry: catalogue.compiled.map { $0.entry.scope == .wholeEntry })
    defer { dispatch.deallocate() }
    let bytes = Array(message.utf8)
    return bytes.withUnsafeBytes {
      dispatch.candidates(of: $0, firstLineLength: firstLine ?? bytes.count).map(Int.init)
    }
  }

  /// The standard catalogue's entry of `kind`.
  func index(_ kind: EventKind) -> Int {
    CompiledCatalogue.standard.compiled.firstIndex { $0.entry.kind == kind }!
  }

  /// The entries without a prefix (the journal switch and the startup, after `^\s*`).
  var everywhere: [Int] { [index(.journalSwitch), index(.startup)] }

  @Test func aDecoyNamingAnotherMethodKeepsOnlyTheCatchAll() {
    #expect(candidates("Backup.General.IsWDSuspended returned 0") == everywhere + [index(.unrecognised)])
    #expect(candidates("Backup.ShardedCluster.GetStatus returned idle") == everywhere + [index(.unrecognised)])
  }

  @Test func aWordingKeepsItselfAndTheCatchAllInOrder() {
    #expect(
      candidates("Backup.General.ExternalFreeze: Suspending system")
        == [index(.freezeBegin)] + everywhere + [index(.unrecognised)])
    // The failure wording goes on past its prefix: the prefix alone decides.
    #expect(
      candidates("Backup.General.ExternalThaw: Failed to resume system: busy")
        == [index(.thawFailed)] + everywhere + [index(.unrecognised)])
  }

  @Test func aMessageLikeNoPrefixKeepsTheEntriesWithout() {
    #expect(candidates("Task 'ExternalFreeze check' started") == everywhere)
    #expect(candidates("") == everywhere)
    #expect(candidates("Status query: last Backup.ShardedCluster.Resume returned 1") == everywhere)
  }

  @Test func aDecoyThatAlmostMatchesIsStillACandidate() {
    // Past the prefix, PCRE2 tells: `systemX` is no freeze.
    #expect(candidates("Backup.General.ExternalFreeze: Suspending systemX").contains(index(.freezeBegin)))
    // A prefix cut short by the message's end, or a byte off, is none.
    #expect(!candidates("Backup.General.ExternalFreeze: Suspending").contains(index(.freezeBegin)))
    #expect(!candidates("Backup.General.ExternalFreeze: suspending system").contains(index(.freezeBegin)))
    #expect(!candidates("backup.General.ExternalFreeze: Suspending system").contains(index(.unrecognised)))
  }

  @Test func theDotTakesOneCharacterOrLeavesEverythingPastItToPCRE2() {
    // One byte of ASCII or a tab: walked over.
    #expect(candidates("Backup.GeneralXExternalThaw: System resumed").contains(index(.thawed)))
    #expect(candidates("Backup.General\tExternalThaw: System resumed").contains(index(.thawed)))
    // A multi-byte character or a line end: every wording past the dot is a candidate.
    let beyond = candidates("Backup.General\u{e9}ExternalThaw: System resumed")
    #expect(beyond.contains(index(.thawed)) && beyond.contains(index(.freezeBegin)))
    #expect(candidates("Backup.General\nExternalThaw").contains(index(.frozen)))
    #expect(!candidates("Backup.General").contains(index(.thawed)))
  }

  @Test func aFirstLineEntryNeedsItsPrefixInTheFirstLine() {
    let message = "Backup.General.ExternalFreeze: Suspending system"
    #expect(!candidates(message, firstLine: 10).contains(index(.freezeBegin)))
    #expect(!candidates(message, firstLine: 6).contains(index(.unrecognised)))
    #expect(candidates(message, firstLine: 7).contains(index(.unrecognised)))
    // Whole-entry ones are candidates past the first line.
    #expect(candidates(message, firstLine: 0) == everywhere)
  }

  @Test func sharedPrefixesAndDuplicatesKeepTheCatalogueOrder() throws {
    let catalogue = try CompiledCatalogue(
      MessageCatalogue(entries: [
        CatalogueEntry(kind: .thawed, pattern: "^ab.d", literal: "ab"),
        CatalogueEntry(kind: .frozen, pattern: "^a", literal: "a"),
        CatalogueEntry(kind: .freezeBegin, pattern: "^abcd", literal: "ab"),
        CatalogueEntry(kind: .unrecognised, pattern: "^ab.d", literal: "ab"),
        CatalogueEntry(kind: .startup, pattern: "x", literal: "x"),
        CatalogueEntry(kind: .resumed, pattern: "^a.", literal: "a"),
      ]))
    #expect(candidates("abcd", catalogue) == [0, 1, 2, 3, 4, 5])
    #expect(candidates("abxd", catalogue) == [0, 1, 3, 4, 5])
    #expect(candidates("a", catalogue) == [1, 4])
    #expect(candidates("ab\u{e9}d", catalogue) == [0, 1, 3, 4, 5])
    #expect(candidates("zzz", catalogue) == [4])
    // A message that ends inside a shared run of the trie, before or at a `.`.
    #expect(candidates("ab", catalogue) == [1, 4, 5])
    #expect(candidates("ab\u{e9}", catalogue) == [0, 1, 3, 4, 5])
    #expect(candidates("abc", catalogue) == [1, 4, 5])
  }
}
