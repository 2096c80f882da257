import LogReading

/// Bytes through `DecompressingSource.wrap` (plain or gzip by the first two bytes) and the
/// gzip source, in chunks of every size.
///
/// What comes out must not depend on how the input arrives or how much is asked for at a
/// time: the same bytes, then the same end (the end of the data or the same error). A
/// difference means bytes handed out twice, lost, or an error in the wrong place. Plain input
/// must come out unchanged. Output is capped so that a gzip bomb costs a bounded time.
///
/// Both gzip crashes in Fuzz/crashes/gzip/ broke exactly this (`GzipFuzzRegressionTests`).
enum GzipHarness {
  /// What reading a source to its end gave.
  struct Outcome: Equatable {
    var bytes: [UInt8]
    var error: String?
  }

  static let limit = 1 << 22
  static let readSizes = [Int.max, 1, 2, 7, 4096]
  static let bufferSizes = [1 << 16, 1, 3, 61, 4096]
  static let inputCapacities = [1, 2, 5, 4096]

  static func run(_ input: UnsafeRawBufferPointer) {
    guard let flags = input.first else { return }
    let body = Array(input.dropFirst())
    let reference = drain(wrapped(body, maximumRead: .max), bufferSize: 1 << 16)
    if !body.starts(with: [0x1f, 0x8b]) {
      require(reference == Outcome(bytes: body, error: nil), "plain input changed")
    }
    let maximumRead = readSizes[Int(flags & 7) % readSizes.count]
    let bufferSize = bufferSizes[Int(flags >> 3 & 7) % bufferSizes.count]
    let chunked = drain(wrapped(body, maximumRead: maximumRead), bufferSize: bufferSize)
    require(
      agree(chunked, reference),
      "reads of \(maximumRead) into \(bufferSize) bytes: \(describe(chunked)), "
        + "reference \(describe(reference))")
    guard body.starts(with: [0x1f, 0x8b]) else { return }
    // The gzip source itself, with compressed input arriving a few bytes at a time.
    let capacity = inputCapacities[Int(flags >> 6)]
    let direct = drain(
      try? GzipByteSource(
        upstream: MemoryByteSource(Array(body.dropFirst(2)), maximumRead: maximumRead),
        path: "fuzz.gz", prefix: [0x1f, 0x8b], inputCapacity: capacity),
      bufferSize: bufferSize)
    require(
      agree(direct, reference),
      "input capacity \(capacity): \(describe(direct)), reference \(describe(reference))")
  }

  /// Two outcomes agree when they hold the same bytes and end alike; past the cap only the
  /// bytes up to it are compared.
  static func agree(_ one: Outcome, _ other: Outcome) -> Bool {
    if one.bytes.count >= limit && other.bytes.count >= limit {
      return one.bytes.prefix(limit) == other.bytes.prefix(limit)
    }
    return one == other
  }

  static func describe(_ outcome: Outcome) -> String {
    "\(outcome.bytes.count) bytes then \(outcome.error ?? "the end")"
  }

  static func wrapped(_ bytes: [UInt8], maximumRead: Int) -> ByteSource? {
    try? DecompressingSource.wrap(
      MemoryByteSource(bytes, maximumRead: maximumRead), path: "fuzz.gz")
  }

  /// Reads `source` to its end, its first error or the cap, `bufferSize` bytes at a time.
  static func drain(_ source: ByteSource?, bufferSize: Int) -> Outcome {
    guard let source else { return Outcome(bytes: [], error: "no source") }
    var outcome = Outcome(bytes: [], error: nil)
    var buffer = [UInt8](repeating: 0, count: min(bufferSize, 1 << 16))
    while outcome.bytes.count < limit {
      do {
        let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
        require(count >= 0 && count <= buffer.count, "read returned \(count)")
        if count == 0 { break }
        outcome.bytes += buffer[..<count]
      } catch {
        outcome.error = String(describing: error)
        break
      }
    }
    return outcome
  }
}
