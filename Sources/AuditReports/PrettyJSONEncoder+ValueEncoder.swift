extension PrettyJSONEncoder {
  /// The encoder one value encodes itself into, writing its bytes at the end of `output` as it
  /// goes: an object's members are written in the order they come, each already indented to its
  /// depth, and put in key order only if they did not come in it.
  ///
  /// A value is finished (`finish()`) before the member after it is begun, so the bytes from
  /// `start` on are this value's alone. A container asked for by key or position rather than
  /// given a value (`nestedContainer`, `superEncoder`) can be written to later, between other
  /// members: it gets an encoder with its own output, and its bytes are put in place when this
  /// value finishes.
  final class ValueEncoder: Encoder {
    let output: JSONOutput
    /// The level of the value's first line; its members are one level deeper.
    private(set) var depth = 0
    /// Where the value's bytes begin in `output.bytes`.
    private var start = 0
    /// Where its members begin in `output.members`.
    private var base = 0
    private(set) var kind = Kind.none
    /// How many members were written.
    private(set) var count = 0
    /// The key of the last member of an object, to tell whether they come in order.
    private var lastKey = ""
    /// False when the members must be put in place at the end: out of key order, or nested.
    private var isInPlace = true
    /// The encoders of the members that are nested containers, in the order asked for.
    private var nestedEncoders: [ValueEncoder] = []
    /// The encoder of the value this one is a member of, and the member's key: its coding path.
    private(set) var parent: ValueEncoder?
    private(set) var key: PathKey?

    /// What was encoded into the encoder so far.
    enum Kind {
      case none, object, array, single
    }

    init(output: JSONOutput) {
      self.output = output
    }

    /// Readies the encoder for a value written from the end of `output`.
    func reset(depth: Int, parent: ValueEncoder?, key: PathKey?) {
      self.depth = depth
      self.parent = parent
      self.key = key
      start = output.bytes.count
      base = output.members.count
      kind = .none
      count = 0
      lastKey = ""
      isInPlace = true
      nestedEncoders.removeAll(keepingCapacity: true)
    }

    /// The keys from the document down to this value, made only when asked for.
    var codingPath: [any CodingKey] {
      var path: [any CodingKey] = []
      var encoder: ValueEncoder? = self
      while let current = encoder, let key = current.key {
        path.append(key.codingKey)
        encoder = current.parent
      }
      return path.reversed()
    }

    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
      begin(.object)
      return KeyedEncodingContainer(KeyedContainer<Key>(encoder: self))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
      begin(.array)
      return UnkeyedContainer(encoder: self)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
      SingleValueContainer(encoder: self)
    }

    /// Starts the value as `kind`; a value started as something else before is dropped (the
    /// last container asked for wins, as in the tree `JSONEncoder` builds).
    func begin(_ kind: Kind) {
      if self.kind == kind && kind != .single { return }
      if self.kind != .none {
        output.bytes.removeSubrange(start...)
        output.members.removeSubrange(base...)
        nestedEncoders.removeAll(keepingCapacity: true)
        count = 0
        lastKey = ""
        isInPlace = true
      }
      self.kind = kind
      switch kind {
      case .object: output.ascii("{\n")
      case .array: output.ascii("[\n")
      case .none, .single: break
      }
    }

    /// Writes the separator, indentation and key of the next member; returns where its value
    /// begins.
    func beginMember(_ key: String) -> Int {
      if count > 0 { output.ascii(",\n") }
      output.indent(depth + 1)
      if kind == .object {
        let keyStart = output.bytes.count
        output.string(key)
        // Keys of other than ASCII may be spelt differently and still be one key.
        if isInPlace && !output.isASCII(from: keyStart) { isInPlace = false }
        output.ascii(" : ")
      }
      return output.bytes.count
    }

    /// Records the member whose value was written from `valueStart`.
    func endMember(_ key: String, from valueStart: Int) {
      output.members.append(.init(key: key, value: valueStart..<output.bytes.count, nested: -1))
      if kind == .object {
        if count > 0 && !JSONOutput.precedes(lastKey, key) { isInPlace = false }
        lastKey = key
      }
      count += 1
    }

    /// A member whose value is written later through the encoder returned.
    func nestedMember(_ key: String, path: PathKey?) -> ValueEncoder {
      let nested = ValueEncoder(output: JSONOutput(capacity: 256))
      nested.reset(depth: depth + 1, parent: self, key: path)
      let here = output.bytes.count
      output.members.append(.init(key: key, value: here..<here, nested: nestedEncoders.count))
      nestedEncoders.append(nested)
      isInPlace = false
      count += 1
      return nested
    }

    /// Closes the value: its members in key order (one per key), then the closing bracket on a
    /// line of its own; a value nothing was encoded into is `{}`.
    func finish() throws {
      switch kind {
      case .single: return
      case .none:
        output.ascii("{\n\n")
        output.indent(depth)
        output.ascii("}")
        return
      case .object, .array:
        if !isInPlace { try putMembersInPlace() }
        output.members.removeSubrange(base...)
        output.ascii("\n")
        output.indent(depth)
        output.ascii(kind == .object ? "}" : "]")
      }
    }

    /// Writes the members again, in key order for an object, with the nested ones in place.
    private func putMembersInPlace() throws {
      var members = Array(output.members[base...])
      if kind == .object { members = Self.keyOrder(members) }
      let contentStart = start + 2
      output.cut(from: contentStart)
      for (index, member) in members.enumerated() {
        if index > 0 { output.ascii(",\n") }
        output.indent(depth + 1)
        if kind == .object {
          output.string(member.key)
          output.ascii(" : ")
        }
        if member.nested < 0 {
          let value =
            (member.value.lowerBound - contentStart)..<(member.value.upperBound - contentStart)
          output.scratch.withUnsafeBufferPointer {
            output.append(UnsafeBufferPointer(rebasing: $0[value]))
          }
        } else {
          let nested = nestedEncoders[member.nested]
          try nested.finish()
          nested.output.bytes.withUnsafeBufferPointer { output.append($0) }
        }
      }
    }

    /// One member per key, as in the dictionary of the tree `JSONEncoder` builds (the key as
    /// first spelt, the value last given), sorted by the keys' UTF-8 bytes.
    static func keyOrder(_ members: [JSONOutput.Member]) -> [JSONOutput.Member] {
      var kept: [JSONOutput.Member] = []
      kept.reserveCapacity(members.count)
      var places: [String: Int] = [:]
      for member in members {
        let place =
          members.count <= 24 ? kept.firstIndex { $0.key == member.key } : places[member.key]
        if let place {
          kept[place] = .init(key: kept[place].key, value: member.value, nested: member.nested)
        } else {
          if members.count > 24 { places[member.key] = kept.count }
          kept.append(member)
        }
      }
      // The keys are now distinct strings, so distinct bytes: the order is total.
      return kept.sorted { JSONOutput.precedes($0.key, $1.key) }
    }

    /// Forgets the value's coding path, so a spare encoder holds no other.
    func release() {
      parent = nil
      key = nil
      nestedEncoders.removeAll(keepingCapacity: true)
    }
  }

  /// One step of a coding path, made into a `CodingKey` only when a path is asked for.
  enum PathKey {
    case name(String)
    case index(Int)

    var codingKey: any CodingKey {
      switch self {
      case .name(let name): Step(stringValue: name)
      case .index(let index): Step(intValue: index)
      }
    }

    /// A key of a coding path as `JSONEncoder` names array positions: `Index 3`.
    struct Step: CodingKey {
      let stringValue: String
      let intValue: Int?

      init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
      }

      init(intValue: Int) {
        stringValue = "Index \(intValue)"
        self.intValue = intValue
      }
    }
  }
}
