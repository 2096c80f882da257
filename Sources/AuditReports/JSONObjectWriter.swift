/// A value of a report that writes its own JSON object straight into `PrettyJSONEncoder`'s
/// output, its members given in key order, without the Codable machinery: the sessions and
/// findings, thousands of objects in a report of years of history.
///
/// Its `Encodable` conformance stays the description Foundation's `JSONEncoder` is compared
/// with, and `writeJSON(_:)` must give exactly the bytes `JSONEncoder` writes for it
/// (`DirectJSONTests` holds each such type to that on every fixture and on hostile text).
protocol DirectJSONEncodable: Encodable {
  /// Writes the object's members, in the UTF-8 order of their keys.
  func writeJSON(_ object: inout JSONObjectWriter) throws
}

/// Writes the members of one JSON object as `JSONEncoder` pretty-prints them: each on its own
/// line, indented one level deeper than the object, `"key" : value`, separated by `,\n`.
///
/// The keys are static ASCII names that need no escaping, given in sorted order; a debug build
/// checks both.
struct JSONObjectWriter {
  let output: JSONOutput
  /// The object's level: its members are one deeper, its closing brace at it.
  let depth: Int
  /// How many members were written.
  private var count = 0
  #if DEBUG
    private var lastKey: StaticString?
  #endif

  private init(output: JSONOutput, depth: Int) {
    self.output = output
    self.depth = depth
  }

  /// Writes `value` as an object at `depth`, at the end of `output`.
  static func write(_ value: some DirectJSONEncodable, depth: Int, to output: JSONOutput) throws {
    var object = JSONObjectWriter(output: output, depth: depth)
    output.ascii("{\n")
    try value.writeJSON(&object)
    // An object without members keeps its blank line, as `JSONEncoder` writes `{}`.
    output.ascii("\n")
    output.indent(depth)
    output.ascii("}")
  }

  private mutating func key(_ key: StaticString) {
    #if DEBUG
      let bytes = UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount)
      assert(bytes.allSatisfy { $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }, "\(key)")
      if let lastKey {
        let last = UnsafeBufferPointer(start: lastKey.utf8Start, count: lastKey.utf8CodeUnitCount)
        assert(last.lexicographicallyPrecedes(bytes), "\(key) after \(lastKey)")
      }
      lastKey = key
    #endif
    output.memberStart(key, depth: depth + 1, isFirst: count == 0)
    count += 1
  }

  mutating func string(_ key: StaticString, _ value: String) {
    self.key(key)
    output.string(value)
  }

  mutating func string(_ key: StaticString, _ value: String?) {
    self.key(key)
    if let value { output.string(value) } else { output.ascii("null") }
  }

  mutating func integer(_ key: StaticString, _ value: Int) {
    self.key(key)
    output.integer(Int64(value))
  }

  mutating func integer(_ key: StaticString, _ value: Int?) {
    integer(key, value.map(Int64.init))
  }

  mutating func integer(_ key: StaticString, _ value: Int64?) {
    self.key(key)
    if let value { output.integer(value) } else { output.ascii("null") }
  }

  /// A double as `JSONEncoder` writes it; a non-finite one is an error, as there.
  mutating func number(_ key: StaticString, _ value: Double?) throws {
    self.key(key)
    if let value { try output.double(value) } else { output.ascii("null") }
  }

  /// An instant as the string `timestamp(_:)` makes of it.
  mutating func timestamp(_ key: StaticString, _ epochMilliseconds: Int64) {
    self.key(key)
    output.timestamp(epochMilliseconds)
  }

  mutating func timestamp(_ key: StaticString, _ epochMilliseconds: Int64?) {
    self.key(key)
    if let epochMilliseconds { output.timestamp(epochMilliseconds) } else { output.ascii("null") }
  }

  /// An array of objects, each of `elements` written as the value `make` gives for it.
  mutating func objects<Elements: Collection, Object: DirectJSONEncodable>(
    _ key: StaticString, _ elements: Elements, as make: (Elements.Element) -> Object
  ) throws {
    self.key(key)
    output.ascii("[\n")
    for (index, element) in elements.enumerated() {
      if index > 0 { output.ascii(",\n") }
      output.indent(depth + 2)
      try Self.write(make(element), depth: depth + 2, to: output)
    }
    // An empty array keeps its blank line, as `JSONEncoder` writes `[]`.
    output.ascii("\n")
    output.indent(depth + 1)
    output.ascii("]")
  }
}
