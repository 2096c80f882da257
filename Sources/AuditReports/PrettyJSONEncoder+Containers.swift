extension PrettyJSONEncoder {
  /// An object's members, each written where it comes (`ValueEncoder` puts them in key order).
  struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    /// Writes one member whose value `write` puts at the end of the output.
    private func member(_ key: Key, _ write: (JSONOutput) throws -> Void) rethrows {
      let name = key.stringValue
      let start = encoder.beginMember(name)
      try write(encoder.output)
      encoder.endMember(name, from: start)
    }

    mutating func encodeNil(forKey key: Key) throws { member(key) { $0.ascii("null") } }
    mutating func encode(_ value: Bool, forKey key: Key) throws { member(key) { $0.bool(value) } }
    mutating func encode(_ value: String, forKey key: Key) throws {
      member(key) { $0.string(value) }
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
      try member(key) { try $0.double(value) }
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
      try member(key) { try $0.float(value) }
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
      member(key) { $0.integer(Int64(value)) }
    }
    mutating func encode(_ value: Int8, forKey key: Key) throws {
      member(key) { $0.integer(Int64(value)) }
    }
    mutating func encode(_ value: Int16, forKey key: Key) throws {
      member(key) { $0.integer(Int64(value)) }
    }
    mutating func encode(_ value: Int32, forKey key: Key) throws {
      member(key) { $0.integer(Int64(value)) }
    }
    mutating func encode(_ value: Int64, forKey key: Key) throws {
      member(key) { $0.integer(value) }
    }
    mutating func encode(_ value: UInt, forKey key: Key) throws {
      member(key) { $0.unsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt8, forKey key: Key) throws {
      member(key) { $0.unsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt16, forKey key: Key) throws {
      member(key) { $0.unsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt32, forKey key: Key) throws {
      member(key) { $0.unsigned(UInt64(value)) }
    }
    mutating func encode(_ value: UInt64, forKey key: Key) throws {
      member(key) { $0.unsigned(value) }
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
      let name = key.stringValue
      let start = encoder.beginMember(name)
      try PrettyJSONEncoder.write(
        value, depth: encoder.depth + 1, to: encoder.output, parent: encoder, key: .name(name))
      encoder.endMember(name, from: start)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
      keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
      let name = key.stringValue
      return encoder.nestedMember(name, path: .name(name)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
      let name = key.stringValue
      return encoder.nestedMember(name, path: .name(name)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
      encoder.nestedMember("super", path: .name("super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
      let name = key.stringValue
      return encoder.nestedMember(name, path: .name(name))
    }
  }

  /// An array's elements, each written where it comes.
  struct UnkeyedContainer: UnkeyedEncodingContainer {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }
    var count: Int { encoder.count }

    private func element(_ write: (JSONOutput) throws -> Void) rethrows {
      let start = encoder.beginMember("")
      try write(encoder.output)
      encoder.endMember("", from: start)
    }

    mutating func encodeNil() throws { element { $0.ascii("null") } }
    mutating func encode(_ value: Bool) throws { element { $0.bool(value) } }
    mutating func encode(_ value: String) throws { element { $0.string(value) } }
    mutating func encode(_ value: Double) throws { try element { try $0.double(value) } }
    mutating func encode(_ value: Float) throws { try element { try $0.float(value) } }
    mutating func encode(_ value: Int) throws { element { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { element { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int16) throws { element { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int32) throws { element { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { element { $0.integer(value) } }
    mutating func encode(_ value: UInt) throws { element { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { element { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt16) throws { element { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt32) throws { element { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt64) throws { element { $0.unsigned(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
      let index = encoder.count
      let start = encoder.beginMember("")
      try PrettyJSONEncoder.write(
        value, depth: encoder.depth + 1, to: encoder.output, parent: encoder, key: .index(index))
      encoder.endMember("", from: start)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
      -> KeyedEncodingContainer<NestedKey>
    {
      encoder.nestedMember("", path: .index(encoder.count)).container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
      encoder.nestedMember("", path: .index(encoder.count)).unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
      encoder.nestedMember("", path: .index(encoder.count))
    }
  }

  /// The one value of an encoder; encoding another replaces it.
  struct SingleValueContainer: SingleValueEncodingContainer {
    let encoder: ValueEncoder

    var codingPath: [any CodingKey] { encoder.codingPath }

    private func value(_ write: (JSONOutput) throws -> Void) rethrows {
      encoder.begin(.single)
      try write(encoder.output)
    }

    mutating func encodeNil() throws { value { $0.ascii("null") } }
    mutating func encode(_ value: Bool) throws { self.value { $0.bool(value) } }
    mutating func encode(_ value: String) throws { self.value { $0.string(value) } }
    mutating func encode(_ value: Double) throws { try self.value { try $0.double(value) } }
    mutating func encode(_ value: Float) throws { try self.value { try $0.float(value) } }
    mutating func encode(_ value: Int) throws { self.value { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int8) throws { self.value { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int16) throws { self.value { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int32) throws { self.value { $0.integer(Int64(value)) } }
    mutating func encode(_ value: Int64) throws { self.value { $0.integer(value) } }
    mutating func encode(_ value: UInt) throws { self.value { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt8) throws { self.value { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt16) throws { self.value { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt32) throws { self.value { $0.unsigned(UInt64(value)) } }
    mutating func encode(_ value: UInt64) throws { self.value { $0.unsigned(value) } }
    mutating func encode<T: Encodable>(_ value: T) throws {
      encoder.begin(.single)
      try PrettyJSONEncoder.write(
        value, depth: encoder.depth, to: encoder.output, parent: encoder.parent, key: encoder.key)
    }
  }
}
