import LogReading
import Testing

/// A marker that looks for one literal byte by byte: slow and obviously right.
struct NaiveMarker: LineMarker {
  let literal: [UInt8]

  func firstMark(in bytes: UnsafeRawBufferPointer) -> Int? {
    guard bytes.count >= literal.count else { return nil }
    return (0...(bytes.count - literal.count)).first { start in
      bytes[start..<(start + literal.count)].elementsEqual(literal)
    }
  }
}

/// What the reader says about each line's NUL bytes and marks, found over whole buffers, must be
/// what looking at each line alone says, at every buffer capacity and read size.
struct LineMarkingTests {
  static let literal = Array("Backup.".utf8)
  static let input = Array(
    ("plain\nBackup.General\r\n\nhalf Back\nup.\nnul \u{0}here\n"
      + "two Backup. and Backup. in one\n" + String(repeating: "x", count: 90) + "Backup.\n"
      + "Backup.\u{0}\nlast line Backup.").utf8)

  struct Observed: Equatable {
    var text: [UInt8]
    var containsNUL: Bool
    var isMarked: Bool
  }

  /// Each line with what looking at it alone says.
  static func expected(_ maximumLineLength: Int = 1 << 20) -> [Observed] {
    let marker = NaiveMarker(literal: literal)
    var lines: [Observed] = []
    _ = input.withUnsafeBytes { bytes in
      LineReader.forEachLine(in: bytes, maximumLineLength: maximumLineLength) { line in
        lines.append(
          Observed(
            text: Array(line.bytes), containsNUL: line.bytes.contains(0),
            isMarked: line.isTruncated || marker.firstMark(in: line.bytes) != nil))
      }
    }
    return lines
  }

  @Test(arguments: [0, 1, 2, 7, 8, 31, 64, 1 << 16])
  func streamingMarksWhatEachLineHolds(capacity: Int) throws {
    for maximumRead in [1, 3, Int.max] {
      let reader = LineReader(
        source: MemoryByteSource(Self.input, maximumRead: maximumRead),
        configuration: .init(initialCapacity: capacity, marker: NaiveMarker(literal: Self.literal)))
      var lines: [Observed] = []
      try reader.forEachLine { line in
        lines.append(
          Observed(text: Array(line.bytes), containsNUL: line.containsNUL, isMarked: line.isMarked))
      }
      #expect(lines == Self.expected(), "capacity \(capacity), reads of \(maximumRead)")
    }
  }

  @Test func slicePathMarksWhatEachLineHolds() {
    var lines: [Observed] = []
    _ = Self.input.withUnsafeBytes { bytes in
      LineReader.forEachLine(in: bytes, marker: NaiveMarker(literal: Self.literal)) { line in
        lines.append(
          Observed(text: Array(line.bytes), containsNUL: line.containsNUL, isMarked: line.isMarked))
      }
    }
    #expect(lines == Self.expected())
    #expect(lines.filter(\.isMarked).count == 5)
    #expect(lines.filter(\.containsNUL).count == 2)
  }

  @Test func truncatedLinesAreAlwaysMarked() throws {
    let reader = LineReader(
      source: MemoryByteSource(Self.input),
      configuration: .init(
        initialCapacity: 4, maximumLineLength: 16, marker: NaiveMarker(literal: Self.literal)))
    var lines: [Observed] = []
    try reader.forEachLine { line in
      lines.append(
        Observed(text: Array(line.bytes), containsNUL: line.containsNUL, isMarked: line.isMarked))
    }
    #expect(lines == Self.expected(16))
  }

  @Test func withoutAMarkerEveryLineIsMarked() throws {
    let reader = LineReader(
      source: MemoryByteSource(Self.input), configuration: .init(initialCapacity: 5))
    var marks: [Bool] = []
    try reader.forEachLine { marks.append($0.isMarked) }
    #expect(marks.count == Self.expected().count)
    #expect(marks.allSatisfy { $0 })
  }
}
