/// Reads what a `SnapshotWriter` wrote. Every read checks the bytes it needs are there and
/// that the value fits its type: bytes that are not a snapshot of this version throw
/// `AuditSnapshot.Corrupt`, never trap.
struct SnapshotReader {
  typealias Corrupt = AuditSnapshot.Corrupt

  private let bytes: [UInt8]
  private var offset = 0
  private var table: [String] = []

  /// Reads the header and the string table.
  init(_ bytes: [UInt8]) throws(Corrupt) {
    self.bytes = bytes
    let magic = SnapshotWriter.magic
    guard bytes.count >= magic.count, Array(bytes[0..<magic.count]) == magic else {
      throw Corrupt(description: "not an audit snapshot of this version")
    }
    offset = magic.count
    let count = try self.count()
    table.reserveCapacity(count)
    for _ in 0..<count {
      let length = try self.count()
      table.append(String(decoding: bytes[offset..<offset + length], as: UTF8.self))
      offset += length
    }
  }

  /// True when every byte was read.
  var isAtEnd: Bool { offset == bytes.count }

  mutating func integer() throws(Corrupt) -> Int64 {
    let value = try unsigned()
    return Int64(bitPattern: value >> 1) ^ -Int64(bitPattern: value & 1)
  }

  mutating func int() throws(Corrupt) -> Int {
    let value = try integer()
    guard let int = Int(exactly: value) else { throw Corrupt(description: "an integer too wide") }
    return int
  }

  mutating func int32() throws(Corrupt) -> Int32 {
    guard let value = Int32(exactly: try integer()) else {
      throw Corrupt(description: "an integer too wide")
    }
    return value
  }

  mutating func double() throws(Corrupt) -> Double {
    guard bytes.count - offset >= 8 else { throw Corrupt(description: "a value cut short") }
    var bits: UInt64 = 0
    for index in (0..<8).reversed() { bits = bits << 8 | UInt64(bytes[offset + index]) }
    offset += 8
    // Durations and elapsed times, computed from milliseconds: a NaN or an infinity is no
    // value an audit gives, and no report could write it.
    let value = Double(bitPattern: bits)
    guard value.isFinite else { throw Corrupt(description: "a duration that is not a number") }
    return value
  }

  mutating func bool() throws(Corrupt) -> Bool {
    switch try byte() {
    case 0: return false
    case 1: return true
    default: throw Corrupt(description: "a flag that is neither 0 nor 1")
    }
  }

  mutating func string() throws(Corrupt) -> String {
    try text(at: try unsigned())
  }

  mutating func optionalString() throws(Corrupt) -> String? {
    let index = try unsigned()
    return index == 0 ? nil : try text(at: index - 1)
  }

  mutating func raw<Value: RawRepresentable>(_: Value.Type) throws(Corrupt) -> Value
  where Value.RawValue == String {
    let text = try string()
    guard let value = Value(rawValue: text) else {
      throw Corrupt(description: "\(text) is no \(Value.self)")
    }
    return value
  }

  mutating func optional<Value>(_ read: (inout SnapshotReader) throws(Corrupt) -> Value)
    throws(Corrupt) -> Value?
  {
    try bool() ? try read(&self) : nil
  }

  mutating func optionalInteger() throws(Corrupt) -> Int64? {
    try optional { reader throws(Corrupt) in try reader.integer() }
  }

  mutating func optionalInt() throws(Corrupt) -> Int? {
    try optional { reader throws(Corrupt) in try reader.int() }
  }

  mutating func optionalDouble() throws(Corrupt) -> Double? {
    try optional { reader throws(Corrupt) in try reader.double() }
  }

  mutating func array<Element>(_ read: (inout SnapshotReader) throws(Corrupt) -> Element)
    throws(Corrupt) -> [Element]
  {
    let count = try self.count()
    var values: [Element] = []
    values.reserveCapacity(count)
    for _ in 0..<count { values.append(try read(&self)) }
    return values
  }

  /// A count or a length: each element takes at least one byte, so it is never more than the
  /// bytes left (which also bounds what an array reserves).
  private mutating func count() throws(Corrupt) -> Int {
    let value = try unsigned()
    guard value <= UInt64(bytes.count - offset) else {
      throw Corrupt(description: "a count beyond the end of the snapshot")
    }
    return Int(value)
  }

  private mutating func text(at index: UInt64) throws(Corrupt) -> String {
    guard index < UInt64(table.count) else {
      throw Corrupt(description: "a string outside the table")
    }
    return table[Int(index)]
  }

  private mutating func byte() throws(Corrupt) -> UInt8 {
    guard offset < bytes.count else { throw Corrupt(description: "a value cut short") }
    defer { offset += 1 }
    return bytes[offset]
  }

  private mutating func unsigned() throws(Corrupt) -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      let byte = try self.byte()
      guard shift < 64, shift < 63 || byte <= 1 else {
        throw Corrupt(description: "a varint longer than 64 bits")
      }
      value |= UInt64(byte & 0x7f) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }
}
