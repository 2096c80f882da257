#if canImport(Glibc)
  import Glibc
#endif

extension StructuredLogLine {
  /// The timestamp of a JSON-form line that `parse` accepts, read without allocating; nil for
  /// every line this strict reader cannot vouch for (the caller then takes the general path).
  ///
  /// It accepts only what Foundation's parser accepts and reads the same way: one flat object
  /// of ASCII text, whose values are strings without escapes, numbers, `true`, `false` or
  /// `null`, with JSON's whitespace, and nothing after it; the last `when` counts, as in
  /// `jsonFields`. A backslash, a byte outside ASCII, a nested value or anything unexpected
  /// gives nil. Without escapes the text is the line as written, so the reader's literal
  /// marker saw all of it: an unmarked line that passes here holds no catalogue literal.
  public static func jsonTimestamp(_ line: UnsafeRawBufferPointer) -> LocalTimestamp? {
    guard let base = line.baseAddress, line.first == UInt8(ascii: "{"), isPlainText(line)
    else { return nil }
    var scanner = FlatJSONScanner(base: base, count: line.count)
    guard let when = scanner.lastWhen(),
      let timestamp = parseWhen(UnsafeRawBufferPointer(rebasing: line[when])), timestamp.isValid
    else { return nil }
    return timestamp
  }
}

extension StructuredLogLine {
  /// True when `line` holds no backslash, no control character (a tab neither: rare between a
  /// JSON log's tokens, and never allowed in its strings) and no byte outside ASCII, checked
  /// eight bytes at a time.
  static func isPlainText(_ line: UnsafeRawBufferPointer) -> Bool {
    guard let base = line.baseAddress else { return true }
    let count = line.count
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    @inline(__always) func hasZeroByte(_ word: UInt64) -> Bool {
      (word &- ones) & ~word & highs != 0
    }
    var offset = 0
    while offset + 8 <= count {
      let word = base.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
      // A byte with its high bit set, a byte below 0x20, or a backslash: look closer.
      if word & highs != 0 || (word &- 0x2020_2020_2020_2020) & ~word & highs != 0
        || hasZeroByte(word ^ 0x5C5C_5C5C_5C5C_5C5C)
      {
        break
      }
      offset += 8
    }
    while offset < count {
      let byte = base.load(fromByteOffset: offset, as: UInt8.self)
      if byte >= 0x80 || byte < 0x20 || byte == UInt8(ascii: "\\") { return false }
      offset += 1
    }
    return true
  }
}

/// Reads one flat JSON object of ASCII text for `jsonTimestamp`. A struct with its cursor as a
/// stored property (not closures over a local), so that no access needs a run-time
/// exclusivity check on the per-line path.
private struct FlatJSONScanner {
  let base: UnsafeRawPointer
  let count: Int
  /// The next byte to read; starts after the opening brace.
  var position = 1

  init(base: UnsafeRawPointer, count: Int) {
    self.base = base
    self.count = count
  }

  @inline(__always) func byte(_ offset: Int) -> UInt8 {
    base.load(fromByteOffset: offset, as: UInt8.self)
  }

  /// The range of the last `when` string when the whole line is a valid flat object.
  mutating func lastWhen() -> Range<Int>? {
    var when: Range<Int>?
    skipSpace()
    guard position < count, byte(position) != UInt8(ascii: "}") else { return nil }
    while true {
      skipSpace()
      guard let name = string() else { return nil }
      skipSpace()
      guard position < count, byte(position) == UInt8(ascii: ":") else { return nil }
      position += 1
      skipSpace()
      guard position < count else { return nil }
      switch byte(position) {
      case UInt8(ascii: "\""):
        guard let value = string() else { return nil }
        if name.count == 4 && memcmp(base + name.lowerBound, "when", 4) == 0 { when = value }
      case UInt8(ascii: "t"): guard word("true") else { return nil }
      case UInt8(ascii: "f"): guard word("false") else { return nil }
      case UInt8(ascii: "n"): guard word("null") else { return nil }
      default: guard number() else { return nil }
      }
      skipSpace()
      guard position < count else { return nil }
      if byte(position) == UInt8(ascii: ",") {
        position += 1
        continue
      }
      guard byte(position) == UInt8(ascii: "}") else { return nil }
      position += 1
      break
    }
    skipSpace()
    return position == count ? when : nil
  }

  mutating func skipSpace() {
    while position < count {
      let value = byte(position)
      guard value == 0x20 || value == 0x09 || value == 0x0D || value == 0x0A else { return }
      position += 1
    }
  }

  /// A string at `position` (its opening quote): the range of its contents. `isPlainText`
  /// has excluded escapes, control characters and bytes outside ASCII, so the next quote ends
  /// it.
  mutating func string() -> Range<Int>? {
    guard position < count, byte(position) == UInt8(ascii: "\"") else { return nil }
    position += 1
    let start = position
    guard let end = memchr(base + start, Int32(UInt8(ascii: "\"")), count - start) else {
      return nil
    }
    let stop = base.distance(to: UnsafeRawPointer(end))
    position = stop + 1
    return start..<stop
  }

  mutating func digits() -> Bool {
    let start = position
    while position < count, byte(position) >= UInt8(ascii: "0"), byte(position) <= UInt8(ascii: "9") {
      position += 1
    }
    return position > start
  }

  /// A number by JSON's grammar: `-?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?`.
  mutating func number() -> Bool {
    if position < count && byte(position) == UInt8(ascii: "-") { position += 1 }
    guard position < count else { return false }
    if byte(position) == UInt8(ascii: "0") {
      position += 1
    } else if !digits() {
      return false
    }
    if position < count && byte(position) == UInt8(ascii: ".") {
      position += 1
      guard digits() else { return false }
    }
    if position < count && (byte(position) | 0x20) == UInt8(ascii: "e") {
      position += 1
      if position < count
        && (byte(position) == UInt8(ascii: "+") || byte(position) == UInt8(ascii: "-"))
      {
        position += 1
      }
      guard digits() else { return false }
    }
    return true
  }

  mutating func word(_ text: StaticString) -> Bool {
    let length = text.utf8CodeUnitCount
    guard position + length <= count, memcmp(base + position, text.utf8Start, length) == 0
    else { return false }
    position += length
    return true
  }
}
