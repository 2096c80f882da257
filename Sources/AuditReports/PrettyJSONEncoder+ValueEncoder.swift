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

    /// Writes the separator, indentation and key of the next member; returns where it began.
    func beginMember(_ key: String) -> Int {
      if count > 0 { output.ascii(",\n") }
      let memberStart = output.bytes.count
      output.indent(depth + 1)
      if kind == .object {
        output.string(key)
        output.ascii(" : ")
      }
      return memberStart
    }

    /// Records the member begun at `memberStart`, now that its value is written.
    func endMember(_ key: String, from memberStart: Int) {
      output.members.append(.init(key: key, range: memberStart..<output.bytes.count, nested: -1))
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
      output.members.append(.init(key: key, range: here..<here, nested: nestedEncoders.count))
      nestedEncoders.append(nested)
      isInPlace = false
      count += 1
      return nested
    }

    /// Closes the value: its members in key order (the last of any key given twice), then the
    /// closing bracket on a line of its own; a value nothing was encoded into is `{}`.
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

    private func putMembersInPlace() throws {
      if kind == .object { sortMembers() }
      let contentStart = start + 2
      output.cut(from: contentStart)
      var written = 0
      var index = base
      let end = output.members.count
      while index < end {
        let member = output.members[index]
        index += 1
        // Sorting kept members of one key in their order: the last one given is the one kept.
        if kind == .object && index < end && output.members[index].key == member.key { continue }
        if written > 0 { output.ascii(",\n") }
        written += 1
        if member.nested < 0 {
          let range = (member.range.lowerBound - contentStart)..<(member.range.upperBound - contentStart)
          output.scratch.withUnsafeBufferPointer { output.append(UnsafeBufferPointer(rebasing: $0[range])) }
          continue
        }
        output.indent(depth + 1)
        if kind == .object {
          output.string(member.key)
          output.ascii(" : ")
        }
        let nested = nestedEncoders[member.nested]
        try nested.finish()
        nested.output.bytes.withUnsafeBufferPointer { output.append($0) }
      }
    }

    /// Sorts this object's members by key, keeping the order of members of the same key: by
    /// insertion for the few members of most objects, by index for many.
    private func sortMembers() {
      let end = output.members.count
      if end - base <= 24 {
        var index = base + 1
        while index < end {
          let member = output.members[index]
          var place = index
          while place > base && JSONOutput.precedes(member.key, output.members[place - 1].key) {
            output.members[place] = output.members[place - 1]
            place -= 1
          }
          output.members[place] = member
          index += 1
        }
        return
      }
      let members = Array(output.members[base..<end].enumerated())
      let sorted = members.sorted { left, right in
        if JSONOutput.precedes(left.element.key, right.element.key) { return true }
        if JSONOutput.precedes(right.element.key, left.element.key) { return false }
        return left.offset < right.offset
      }
      for (index, member) in sorted.enumerated() { output.members[base + index] = member.element }
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
