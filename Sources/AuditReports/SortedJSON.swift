import Foundation

/// The JSON every JSON-based report writes: sorted keys, two-space indentation, slashes left
/// alone (paths stay readable; `/` needs no escape in JSON), and one trailing newline.
///
/// A report of years of history is megabytes, and Foundation's encoder builds a tree of the
/// whole value before it writes a byte. So the long arrays of a document (sessions, findings)
/// can be left out of it as `Placeholder`s and written element by element, each encoded alone
/// (on every core, in order) at its depth: the bytes are exactly those of the whole document
/// encoded at once, and only one batch of elements is ever in memory.
enum SortedJSON {
  /// Writes `value` to `output`; an encoding failure becomes a `ReportError` of `format`.
  static func write(
    _ value: some Encodable, format: String, to output: inout some TextOutputStream
  ) throws {
    output.write(String(decoding: try bytes(value, format: format), as: UTF8.self))
  }

  /// The document `value`, with each of `arrays` written where `value` encodes its placeholder.
  static func bytes(
    _ value: some Encodable, format: String, streaming arrays: [StreamedArray] = []
  ) throws -> [UInt8] {
    var bytes: [UInt8] = []
    try write(value, format: format, streaming: arrays) { bytes += $0 }
    return bytes
  }

  /// Gives `emit` the parts of `bytes(_:format:streaming:)` as they are made: a writer of a
  /// long report holds one batch of it at a time. An encoding failure (a non-finite number,
  /// which no audit makes) stops it part way.
  static func write(
    _ value: some Encodable, format: String, streaming arrays: [StreamedArray],
    to emit: ([UInt8]) throws -> Void
  ) throws {
    // The document without its long arrays is small; find where each array's value goes.
    let skeleton = try encode(value, format: format)
    var places: [(value: Range<Int>, array: StreamedArray)] = []
    for array in arrays {
      let key = Array("\n  \"\(array.key)\" : ".utf8)
      let marker = key + Array("\"\(Placeholder.text(array.key))\"".utf8)
      guard let found = range(of: marker, in: skeleton) else {
        throw ReportError.unencodable(format: format, reason: "no place for \(array.key)")
      }
      places.append((found.lowerBound + key.count..<found.upperBound, array))
    }
    places.sort { $0.value.lowerBound < $1.value.lowerBound }
    var done = 0
    for place in places {
      try emit(Array(skeleton[done..<place.value.lowerBound]))
      try writeArray(place.array, depth: 1, format: format, to: emit)
      done = place.value.upperBound
    }
    try emit(Array(skeleton[done...]) + [0x0A])
  }

  /// Stands for an array written by `bytes(_:format:streaming:)`: encodes a text no log can put
  /// in a top-level key's place (the key, then a string of NULs around the key's name).
  struct Placeholder: Encodable {
    let key: String

    static func text(_ key: String) -> String { "\\u0000\(key)\\u0000" }

    func encode(to encoder: Encoder) throws {
      var container = encoder.singleValueContainer()
      try container.encode("\u{0}\(key)\u{0}")
    }
  }

  /// A top-level array of a document, written element by element: the bulk of a report, so
  /// its elements write their own members.
  struct StreamedArray {
    let key: String
    let count: Int
    let element: @Sendable (Int) -> any DirectJSONEncodable

    init(
      key: String, count: Int, element: @escaping @Sendable (Int) -> any DirectJSONEncodable
    ) {
      self.key = key
      self.count = count
      self.element = element
    }
  }

  /// How many elements are encoded together, spread over the cores.
  static let batchSize = 64

  private static func writeArray(
    _ array: StreamedArray, depth: Int, format: String, to emit: ([UInt8]) throws -> Void
  ) throws {
    let indent = [UInt8](repeating: 0x20, count: 2 * depth + 2)
    try emit(Array(array.count == 0 ? "[\n\n".utf8 : "[\n".utf8))
    var start = 0
    while start < array.count {
      let end = min(start + batchSize, array.count)
      var encoded = [Result<[UInt8], Error>?](repeating: nil, count: end - start)
      encoded.withUnsafeMutableBufferPointer { slots in
        // SAFETY: each iteration writes its own slot only, and the buffer outlives them all.
        nonisolated(unsafe) let slots = slots
        let first = start
        DispatchQueue.concurrentPerform(iterations: slots.count) { offset in
          slots[offset] = Result {
            try encode(element: array.element(first + offset), depth: depth + 1, format: format)
          }
        }
      }
      let elements = try encoded.map { try $0!.get() }
      var part: [UInt8] = []
      part.reserveCapacity(elements.reduce(0) { $0 + $1.count + indent.count + 2 })
      for (offset, element) in elements.enumerated() {
        if start + offset > 0 { part += [0x2C, 0x0A] }
        part += indent
        part += element
      }
      try emit(part)
      start = end
    }
    try emit((array.count > 0 ? [0x0A] : []) + indent.dropLast(2) + [0x5D])
  }

  private static func encode(_ value: some Encodable, format: String) throws -> [UInt8] {
    do {
      return try PrettyJSONEncoder().encode(value)
    } catch {
      throw ReportError.unencodable(format: format, reason: "\(error)")
    }
  }

  /// A streamed array's element encoded alone, its lines after the first indented as if it
  /// were `depth` deep.
  private static func encode(
    element: some DirectJSONEncodable, depth: Int, format: String
  ) throws -> [UInt8] {
    do {
      return try PrettyJSONEncoder(depth: depth).encode(element)
    } catch {
      throw ReportError.unencodable(format: format, reason: "\(error)")
    }
  }

  /// `value` as Foundation's encoder writes it with the same options: what `PrettyJSONEncoder`
  /// must give (`PrettyJSONEncoderTests`).
  static func foundationBytes(_ value: some Encodable) throws -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
    return [UInt8](try encoder.encode(value)) + [0x0A]
  }

  private static func range(of needle: [UInt8], in haystack: [UInt8]) -> Range<Int>? {
    guard needle.count <= haystack.count else { return nil }
    var index = 0
    while index + needle.count <= haystack.count {
      if haystack[index] == needle[0]
        && haystack[index..<index + needle.count].elementsEqual(needle)
      {
        return index..<index + needle.count
      }
      index += 1
    }
    return nil
  }
}
