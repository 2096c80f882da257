import LogReading
import Testing

@testable import BackupEvents

/// The vectorised literal search against a byte-by-byte search and a naive one.
struct LiteralMarkerTests {
  /// A small deterministic generator (SplitMix64), so a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }
  }

  /// Every start of any literal in `bytes`.
  func starts(of literals: [[UInt8]], in bytes: [UInt8]) -> Set<Int> {
    var found: Set<Int> = []
    for literal in literals where literal.count <= bytes.count {
      for start in 0...(bytes.count - literal.count)
      where bytes[start..<(start + literal.count)].elementsEqual(literal) {
        found.insert(start)
      }
    }
    return found
  }

  /// Every mark `search` reports, searching on after each one.
  func marks(_ bytes: [UInt8], _ search: (UnsafeRawBufferPointer) -> Int?) -> [Int] {
    bytes.withUnsafeBytes { all in
      var result: [Int] = []
      var from = 0
      while from < all.count, let offset = search(UnsafeRawBufferPointer(rebasing: all[from...])) {
        result.append(from + offset)
        from += offset + 1
      }
      return result
    }
  }

  @Test func standardCatalogueMarksItsLiteralsWithoutLineTerminators() throws {
    let marker = try #require(CompiledCatalogue.standard.lineMarker)
    #expect(marker.literals.count == 7)
    #expect(marker.literals.allSatisfy { !$0.contains(0x0A) && !$0.contains(0x0D) })
  }

  @Test func literalsThatCouldSpanLinesGetNoMarker() {
    #expect(LiteralMarker(literals: [Array("a\nb".utf8)]) == nil)
    #expect(LiteralMarker(literals: [Array("crlf\r".utf8)]) == nil)
    #expect(LiteralMarker(literals: [[]]) == nil)
    #expect(LiteralMarker(literals: []) == nil)
  }

  @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8, 9, 17, 20])
  func findsEveryOccurrenceTheNaiveSearchFinds(literalCount: Int) throws {
    var generator = Generator(state: UInt64(literalCount))
    // A small alphabet makes partial matches and overlaps common.
    let alphabet = Array("ab.BJ* \n".utf8)
    for round in 0..<40 {
      let literals = (0..<literalCount).map { _ in
        (0..<(1 + generator.below(5))).map { _ in alphabet[generator.below(alphabet.count - 1)] }
      }
      let bytes = (0..<generator.below(300)).map { _ in alphabet[generator.below(alphabet.count)] }
      let marker = try #require(LiteralMarker(literals: literals))
      let vector = marks(bytes) { marker.firstMark(in: $0) }
      let scalar = marks(bytes) { marker.firstMarkWithoutVectors(in: $0) }
      #expect(vector == scalar, "round \(round)")
      // Every reported mark starts a literal, and every literal start is reported or lies after
      // a reported mark at a later pair (never missed: each line with one gets a mark).
      let truth = starts(of: literals, in: bytes)
      #expect(Set(vector).isSubset(of: truth), "round \(round)")
      #expect(vector.isEmpty == truth.isEmpty, "round \(round)")
    }
  }

  @Test func marksEveryLineThatHoldsALiteral() throws {
    var generator = Generator(state: 42)
    let marker = try #require(CompiledCatalogue.standard.lineMarker)
    let words = [
      "Backup.", "Backup", "JOURNALING SYSTEM MESSAGE", "Startup of ", "St", "ku",
      "*** Recovery started", "shutdown was abnormal", "Journal restore not required", "qu",
      "x", " ", "\n", "\r\n", "Back\nup.",
    ]
    var text = ""
    for _ in 0..<3000 { text += words[generator.below(words.count)] }
    let bytes = Array(text.utf8)
    var expected: [Bool] = []
    var observed: [Bool] = []
    _ = bytes.withUnsafeBytes { all in
      LineReader.forEachLine(in: all, marker: marker) { line in
        observed.append(line.isMarked)
        expected.append(!starts(of: marker.literals, in: Array(line.bytes)).isEmpty)
      }
    }
    #expect(observed == expected)
    #expect(expected.contains(true) && expected.contains(false))
  }
}
