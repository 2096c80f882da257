/// Writes the bytes of an audit snapshot (`AuditSnapshot`): integers as zigzag varints,
/// doubles as their bits, every string once in a table at the front and then by its index,
/// an optional as a presence byte (a string: its index plus one, 0 for none), an array as
/// its count and its elements.
struct SnapshotWriter {
  /// What the bytes start with: the format and its version. A reader of another version
  /// refuses them, and the run audits the ledger's history instead.
  static let magic: [UInt8] = Array("IBAS".utf8) + [1]

  private var body: [UInt8] = []
  private var indices: [String: Int] = [:]
  private var table: [String] = []

  /// The header, the string table, then the body.
  var bytes: [UInt8] {
    var header = SnapshotWriter()
    header.body = Self.magic
    header.unsigned(UInt64(table.count))
    for text in table {
      header.unsigned(UInt64(text.utf8.count))
      header.body += text.utf8
    }
    return header.body + body
  }

  mutating func integer(_ value: Int64) {
    unsigned(UInt64(bitPattern: (value << 1) ^ (value >> 63)))
  }

  mutating func integer(_ value: Int) {
    integer(Int64(value))
  }

  mutating func integer(_ value: Int32) {
    integer(Int64(value))
  }

  mutating func double(_ value: Double) {
    var bits = value.bitPattern
    for _ in 0..<8 {
      body.append(UInt8(truncatingIfNeeded: bits))
      bits >>= 8
    }
  }

  mutating func bool(_ value: Bool) {
    body.append(value ? 1 : 0)
  }

  mutating func string(_ value: String) {
    unsigned(UInt64(index(value)))
  }

  mutating func string(_ value: String?) {
    unsigned(value.map { UInt64(index($0)) + 1 } ?? 0)
  }

  /// An enumeration by its raw value, so that a case added or moved reads back the same.
  mutating func raw<Value: RawRepresentable>(_ value: Value) where Value.RawValue == String {
    string(value.rawValue)
  }

  mutating func optional<Value>(_ value: Value?, _ write: (inout SnapshotWriter, Value) -> Void) {
    guard let value else { return body.append(0) }
    body.append(1)
    write(&self, value)
  }

  mutating func integer(_ value: Int64?) {
    optional(value) { $0.integer($1) }
  }

  mutating func integer(_ value: Int?) {
    optional(value) { $0.integer($1) }
  }

  mutating func double(_ value: Double?) {
    optional(value) { $0.double($1) }
  }

  mutating func array<Element>(_ values: [Element], _ write: (inout SnapshotWriter, Element) -> Void) {
    unsigned(UInt64(values.count))
    for value in values { write(&self, value) }
  }

  private mutating func unsigned(_ value: UInt64) {
    var rest = value
    while rest >= 0x80 {
      body.append(UInt8(truncatingIfNeeded: rest) | 0x80)
      rest >>= 7
    }
    body.append(UInt8(rest))
  }

  private mutating func index(_ text: String) -> Int {
    if let known = indices[text] { return known }
    indices[text] = table.count
    table.append(text)
    return table.count - 1
  }
}
