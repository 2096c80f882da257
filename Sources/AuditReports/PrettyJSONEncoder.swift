import Foundation

/// Writes an `Encodable` value as Foundation's `JSONEncoder` does with sorted keys, pretty
/// printing and slashes unescaped, byte for byte (`PrettyJSONEncoderTests` and
/// `PrettyJSONEncoderHostileTests` hold it to that on every report and on hostile values), at a
/// fraction of its cost.
///
/// Foundation's encoder, and this one before, built a tree of the whole value (a box per
/// value, a dictionary per object, a coding path per member) and then wrote it, sorting each
/// object's keys. This one writes each value's bytes as it is encoded, already indented to its
/// depth, into one buffer (`JSONOutput`); an object whose members came out of key order is put
/// in order once, when it is finished. The common leaf types, and their optionals, are told by
/// their type's identity and written without an encoder; the encoders of finished values are
/// reused, and coding paths are only made if a value asks for its own. The report's bulk (its
/// sessions and findings, given to `encode(_:)` as `DirectJSONEncodable`s) writes itself.
///
/// Only what the reports encode is supported: strings, booleans, integers, doubles and floats,
/// nil, and containers of them. A value whose encoding needs more (a `Date`, `Data`, `URL` or
/// `Decimal`, which `JSONEncoder` writes in its own ways) is an error, as is a non-finite number.
struct PrettyJSONEncoder {
  /// The level the value is written at: every line after its first is indented `2 * depth`
  /// spaces more, as if it were nested that deep in a document (the streamed arrays' elements).
  var depth = 0

  /// Why a value cannot be written.
  struct Unsupported: Error, CustomStringConvertible {
    let description: String
  }

  /// The bytes of `value`, without a trailing newline (as `JSONEncoder` writes them).
  func encode(_ value: some Encodable) throws -> [UInt8] {
    let output = JSONOutput(capacity: 4096)
    try Self.write(value, depth: depth, to: output, parent: nil, key: nil)
    return output.bytes
  }

  /// The bytes of a value that writes its own members (`DirectJSONEncodable`), as
  /// `encode(_:)` of its `Encodable` form would give them.
  func encode(_ value: some DirectJSONEncodable) throws -> [UInt8] {
    let output = JSONOutput(capacity: 4096)
    try JSONObjectWriter.write(value, depth: depth, to: output)
    return output.bytes
  }

  /// Writes `value` at the end of `output`, at `depth`, as the member `key` of `parent`'s value.
  static func write<Value: Encodable>(
    _ value: Value, depth: Int, to output: JSONOutput, parent: ValueEncoder?, key: PathKey?
  ) throws {
    if try writeLeaf(value, to: output) { return }
    var encoder = output.spareEncoders.popLast() ?? ValueEncoder(output: output)
    encoder.reset(depth: depth, parent: parent, key: key)
    try value.encode(to: encoder)
    try encoder.finish()
    encoder.release()
    // A value that kept its encoder or a container of it keeps it to itself.
    if isKnownUniquelyReferenced(&encoder) { output.spareEncoders.append(encoder) }
  }

  /// Writes `value` if its type is one of the common leaves (strings, numbers, booleans, and
  /// their optionals), told by the type's identity rather than by dynamic casts; throws for the
  /// types `JSONEncoder` writes in its own ways.
  private static func writeLeaf<Value: Encodable>(_ value: Value, to output: JSONOutput) throws
    -> Bool
  {
    let type = Value.self
    if type == String.self {
      output.string(unsafeBitCast(value, to: String.self))
    } else if type == Int.self {
      output.integer(Int64(unsafeBitCast(value, to: Int.self)))
    } else if type == Int64.self {
      output.integer(unsafeBitCast(value, to: Int64.self))
    } else if type == Bool.self {
      output.bool(unsafeBitCast(value, to: Bool.self))
    } else if type == Double.self {
      try output.double(unsafeBitCast(value, to: Double.self))
    } else if type == String?.self {
      if let text = unsafeBitCast(value, to: String?.self) {
        output.string(text)
      } else {
        output.ascii("null")
      }
    } else if type == Int?.self {
      if let number = unsafeBitCast(value, to: Int?.self) {
        output.integer(Int64(number))
      } else {
        output.ascii("null")
      }
    } else if type == Int64?.self {
      if let number = unsafeBitCast(value, to: Int64?.self) {
        output.integer(number)
      } else {
        output.ascii("null")
      }
    } else if type == Double?.self {
      if let number = unsafeBitCast(value, to: Double?.self) {
        try output.double(number)
      } else {
        output.ascii("null")
      }
    } else if type == Bool?.self {
      if let flag = unsafeBitCast(value, to: Bool?.self) {
        output.bool(flag)
      } else {
        output.ascii("null")
      }
    } else if type == Date.self || type == Data.self || type == URL.self || type == Decimal.self {
      throw Unsupported(description: "\(type) is not written by this encoder")
    } else {
      return false
    }
    return true
  }
}
