import Testing

@testable import BackupEvents

/// The prefilter's marker for a reading that drops some kinds of event.
struct CompiledCatalogueTests {
  let catalogue = CompiledCatalogue.standard

  func literals(leavingOut kinds: Set<EventKind>) -> Set<String> {
    Set((catalogue.lineMarker(leavingOut: kinds)?.literals ?? []).map { String(decoding: $0, as: UTF8.self) })
  }

  @Test func theDroppedKindsLiteralsGoAndEveryOtherStays() {
    let every = literals(leavingOut: [])
    #expect(every.contains("JOURNALING SYSTEM MESSAGE") && every.contains("Journal restore not required"))
    let fewer = literals(leavingOut: [.journalSwitch, .cleanShutdown])
    #expect(fewer == every.subtracting(["JOURNALING SYSTEM MESSAGE", "Journal restore not required"]))
  }

  @Test func aLiteralAnotherKindSharesStays() {
    // `Backup.` is the literal of every backup class's entry, `unrecognised` included.
    #expect(literals(leavingOut: [.unrecognised, .freezeBegin]) == literals(leavingOut: []))
  }

  @Test func droppingNothingKeepsTheCataloguesOwnMarker() {
    #expect(catalogue.lineMarker(leavingOut: []) === catalogue.lineMarker)
    #expect(catalogue.lineMarker(leavingOut: [.unrecognised]) === catalogue.lineMarker)
  }
}
