import BackupEvents
import LogReading

/// The line reader's two paths over bytes in memory: the stream (with short reads from a
/// `MemoryByteSource`, small buffers and small line limits) and the slice must hand out the
/// same lines with the same counts, and the catalogue's marker must mark every line holding a
/// literal (it may mark more, never fewer).
enum LinesHarness {
  /// What a line was handed out as, bytes copied.
  struct Seen: Equatable {
    var bytes: [UInt8]
    var number: Int
    var isTruncated: Bool
    var containsNUL: Bool
  }

  static let maximumReads = [Int.max, 1, 3, 4096]
  static let lineLimits = [1 << 20, 1, 7, 64]

  static func run(_ bytes: [UInt8], flags: UInt8) {
    let marker = CompiledCatalogue.standard.lineMarker
    let maximumRead = maximumReads[Int(flags >> 4) & 3]
    let limit = lineLimits[Int(flags >> 6) & 3]
    let capacity = EventsHarness.capacities[Int(flags >> 2) & 3]
    var streamed: [Seen] = []
    let reader = LineReader(
      source: MemoryByteSource(bytes, maximumRead: maximumRead),
      configuration: .init(initialCapacity: capacity, maximumLineLength: limit, marker: marker))
    do {
      try reader.forEachLine { line in
        streamed.append(seen(line))
        checkMarks(line, marker)
      }
    } catch {
      require(false, "a memory source cannot fail: \(error)")
    }
    var sliced: [Seen] = []
    let statistics = bytes.withUnsafeBytes { buffer in
      LineReader.forEachLine(in: buffer, maximumLineLength: limit, marker: marker) { line in
        sliced.append(seen(line))
        checkMarks(line, marker)
      }
    }
    require(
      streamed == sliced,
      "lines differ (capacity \(capacity), read \(maximumRead), limit \(limit)): "
        + "\(streamed.count) streamed, \(sliced.count) sliced, first difference "
        + "\(zip(streamed, sliced).first { $0 != $1 }.map { "\($0)" } ?? "in count")")
    require(
      reader.statistics == statistics,
      "statistics differ: streamed \(reader.statistics), sliced \(statistics)")
  }

  static func seen(_ line: Line) -> Seen {
    Seen(
      bytes: Array(line.bytes), number: line.number, isTruncated: line.isTruncated,
      containsNUL: line.containsNUL)
  }

  /// A line holding a literal must be marked.
  static func checkMarks(_ line: Line, _ marker: LiteralMarker?) {
    guard let marker, !line.isMarked else { return }
    let bytes = Array(line.bytes)
    for literal in marker.literals where contains(bytes, literal) {
      require(
        false,
        "line \(line.number) holds \(String(decoding: literal, as: UTF8.self)) and is unmarked")
    }
  }

  static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard needle.count <= haystack.count else { return false }
    return (0...(haystack.count - needle.count)).contains {
      haystack[$0..<($0 + needle.count)].elementsEqual(needle)
    }
  }
}
