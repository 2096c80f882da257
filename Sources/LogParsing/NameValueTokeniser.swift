#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Splits a line of the name/value form irislogd writes (`when="…" pid=… text="…"`) into its
/// fields, without allocating: the one place that form's grammar is written, for the full parse
/// (`StructuredLogLine.parse`) and the fast timestamp reader (`pairsTimestamp`) alike.
///
/// Fields are separated by spaces (any number, or none after a closing quote). A name runs to
/// its `=`, is not empty and holds no space. A value is quoted, up to the next `"` that no
/// backslash escapes (a backslash escapes the byte after it), or runs to the next space. A field
/// that breaks this stops the tokeniser and sets `isMalformed`.
struct NameValueTokeniser {
  /// One field, as byte ranges of the line.
  struct Field {
    /// The name, before the `=`.
    var name: Range<Int>
    /// The value as written: inside the quotes for a quoted one, its escapes not undone.
    var value: Range<Int>
    /// True when the value was quoted, so its escapes are to be undone.
    var isQuoted: Bool
  }

  private let line: UnsafeRawBufferPointer
  /// The next byte to read.
  private var position = 0
  /// True once a field broke the grammar: a name without `=`, an empty name, no closing quote.
  private(set) var isMalformed = false

  /// A tokeniser at the start of `line`.
  init(_ line: UnsafeRawBufferPointer) {
    self.line = line
  }

  @inline(__always) private func byte(_ offset: Int) -> UInt8 {
    line.baseAddress!.load(fromByteOffset: offset, as: UInt8.self)
  }

  /// The next field; nil at the end of the line, or when the rest is malformed (then
  /// `isMalformed` is set).
  mutating func next() -> Field? {
    guard !isMalformed else { return nil }
    let count = line.count
    while position < count && byte(position) == 0x20 { position += 1 }
    guard position < count else { return nil }
    let nameStart = position
    while position < count && byte(position) != UInt8(ascii: "=") && byte(position) != 0x20 {
      position += 1
    }
    guard position < count, byte(position) == UInt8(ascii: "="), position > nameStart else {
      isMalformed = true
      return nil
    }
    let name = nameStart..<position
    position += 1
    guard position < count && byte(position) == UInt8(ascii: "\"") else {
      let valueStart = position
      while position < count && byte(position) != 0x20 { position += 1 }
      return Field(name: name, value: valueStart..<position, isQuoted: false)
    }
    position += 1
    guard let closing = closingQuote(from: position) else {
      isMalformed = true
      return nil
    }
    defer { position = closing + 1 }
    return Field(name: name, value: position..<closing, isQuoted: true)
  }

  /// The offset of the first `"` at or after `start` that no backslash escapes, nil if none.
  private func closingQuote(from start: Int) -> Int? {
    let base = line.baseAddress!
    let count = line.count
    var cursor = start
    while cursor < count {
      guard let found = memchr(base + cursor, Int32(UInt8(ascii: "\"")), count - cursor) else {
        return nil
      }
      let quote = base.distance(to: UnsafeRawPointer(found))
      // A backslash before the quote escapes the byte after it, which may be the quote itself:
      // go on after that byte.
      guard let escape = memchr(base + cursor, Int32(UInt8(ascii: "\\")), quote - cursor) else {
        return quote
      }
      cursor = base.distance(to: UnsafeRawPointer(escape)) + 2
    }
    return nil
  }

  /// A quoted value's bytes with its escapes undone: `\n`, `\t` and `\r` are the control
  /// characters, a backslash before any other byte stands for that byte.
  static func unescaped(_ value: UnsafeRawBufferPointer) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(value.count)
    var index = 0
    while index < value.count {
      let byte = value[index]
      if byte == UInt8(ascii: "\\") && index + 1 < value.count {
        bytes.append(unescape(value[index + 1]))
        index += 2
      } else {
        bytes.append(byte)
        index += 1
      }
    }
    return bytes
  }

  private static func unescape(_ byte: UInt8) -> UInt8 {
    switch byte {
    case UInt8(ascii: "n"): 0x0A
    case UInt8(ascii: "t"): 0x09
    case UInt8(ascii: "r"): 0x0D
    default: byte
    }
  }
}
