import LogReading

/// One line as a test sees it: a copy of its bytes and what the reader said about it.
public struct CollectedLine: Equatable, CustomStringConvertible {
  public var bytes: [UInt8]
  public var number: Int
  public var isTruncated: Bool

  public var description: String {
    "\(number)\(isTruncated ? "*" : ""): \(String(decoding: bytes, as: UTF8.self))"
  }
}

/// Reads every line of `bytes` through a path of the line reader.
public enum LineCollector {
  /// Streams `bytes` through a `LineReader` with the given buffer and read sizes.
  public static func stream(
    _ bytes: [UInt8], capacity: Int, maximumLineLength: Int = 1 << 20, maximumRead: Int = .max
  ) throws -> (lines: [CollectedLine], statistics: LineStatistics) {
    let reader = LineReader(
      source: MemoryByteSource(bytes, maximumRead: maximumRead),
      configuration: .init(initialCapacity: capacity, maximumLineLength: maximumLineLength))
    var lines: [CollectedLine] = []
    try reader.forEachLine { line in
      lines.append(CollectedLine(bytes: Array(line.bytes), number: line.number, isTruncated: line.isTruncated))
    }
    return (lines, reader.statistics)
  }

  /// Splits `bytes` held in memory (the slice path).
  public static func slice(_ bytes: [UInt8], maximumLineLength: Int = 1 << 20)
    -> (lines: [CollectedLine], statistics: LineStatistics)
  {
    var lines: [CollectedLine] = []
    let statistics = bytes.withUnsafeBytes {
      LineReader.forEachLine(in: $0, maximumLineLength: maximumLineLength) { line in
        lines.append(
          CollectedLine(bytes: Array(line.bytes), number: line.number, isTruncated: line.isTruncated))
      }
    }
    return (lines, statistics)
  }
}
