/// One record of Docker's json-file driver: `{"log":"…\n","stream":"stdout","time":"…"}`, keys
/// in any order, other members (`attrs`) skipped. A record whose `log` does not end with a
/// newline is a part of a longer line (Docker splits lines at 16 KiB).
enum DockerJSONLine {
  /// The `log` string's body (still escaped) and the stream, or nil when the line is not such
  /// a record.
  static func fields(_ line: UnsafeRawBufferPointer) -> EnvelopeFields? {
    var index = skipSpace(line, from: 0)
    guard index < line.count, line[index] == 0x7B else { return nil }
    index += 1
    var log: Range<Int>?
    var stream = 0
    while true {
      index = skipSpace(line, from: index)
      guard index < line.count else { return nil }
      if line[index] == 0x7D { break }
      guard let key = string(line, from: index) else { return nil }
      index = skipSpace(line, from: key.upperBound + 1)
      guard index < line.count, line[index] == 0x3A else { return nil }
      index = skipSpace(line, from: index + 1)
      guard index < line.count else { return nil }
      let body = (key.lowerBound + 1)..<key.upperBound
      if line[index] == 0x22 {
        guard let value = string(line, from: index) else { return nil }
        let valueBody = (value.lowerBound + 1)..<value.upperBound
        if EnvelopeParser.matchesWhole(line, body, "log") {
          log = valueBody
        } else if EnvelopeParser.matchesWhole(line, body, "stream") {
          stream = EnvelopeParser.matchesWhole(line, valueBody, "stderr") ? 1 : 0
        }
        index = value.upperBound + 1
      } else {
        guard let end = valueEnd(line, from: index) else { return nil }
        index = end
      }
      index = skipSpace(line, from: index)
      guard index < line.count else { return nil }
      if line[index] == 0x2C {
        index += 1
      } else if line[index] != 0x7D {
        return nil
      }
    }
    guard let log else { return nil }
    return EnvelopeFields(content: log, stream: stream, isEscaped: true)
  }

  /// Appends the unescaped `body` to `output`; returns false when an escape is malformed, and
  /// says whether anything but a final `\n` was escaped (then a literal may be hidden in the
  /// line as written, so it must be looked at whatever the marker said).
  static func unescape(
    _ line: UnsafeRawBufferPointer, _ body: Range<Int>, into output: inout [UInt8]
  ) -> (isValid: Bool, hadEscapes: Bool) {
    var index = body.lowerBound
    var hadEscapes = false
    while index < body.upperBound {
      let byte = line[index]
      guard byte == 0x5C else {
        output.append(byte)
        index += 1
        continue
      }
      guard index + 1 < body.upperBound else { return (false, hadEscapes) }
      let escaped = line[index + 1]
      if escaped != 0x6E || index + 2 < body.upperBound { hadEscapes = true }
      index += 2
      switch escaped {
      case 0x6E: output.append(0x0A)
      case 0x74: output.append(0x09)
      case 0x72: output.append(0x0D)
      case 0x62: output.append(0x08)
      case 0x66: output.append(0x0C)
      case 0x22, 0x5C, 0x2F: output.append(escaped)
      case 0x75:
        guard var scalar = hex4(line, at: index, limit: body.upperBound) else {
          return (false, hadEscapes)
        }
        index += 4
        if (0xD800..<0xDC00).contains(scalar), index + 6 <= body.upperBound,
          line[index] == 0x5C, line[index + 1] == 0x75,
          let low = hex4(line, at: index + 2, limit: body.upperBound), (0xDC00..<0xE000).contains(low)
        {
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
          index += 6
        }
        output.append(contentsOf: String(Unicode.Scalar(scalar) ?? "\u{FFFD}").utf8)
      default: return (false, hadEscapes)
      }
    }
    return (true, hadEscapes)
  }

  private static func hex4(_ line: UnsafeRawBufferPointer, at index: Int, limit: Int) -> UInt32? {
    guard index + 4 <= limit else { return nil }
    var value: UInt32 = 0
    for offset in 0..<4 {
      let byte = line[index + offset]
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x41...0x46: digit = byte - 0x41 + 10
      case 0x61...0x66: digit = byte - 0x61 + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
    }
    return value
  }

  /// The range of the string at `from`, quotes included.
  private static func string(_ line: UnsafeRawBufferPointer, from: Int) -> Range<Int>? {
    guard from < line.count, line[from] == 0x22 else { return nil }
    var index = from + 1
    while index < line.count {
      switch line[index] {
      case 0x5C: index += 2
      case 0x22: return from..<index
      default: index += 1
      }
    }
    return nil
  }

  /// The end of a number, literal, object or array at `from`.
  private static func valueEnd(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
    var depth = 0
    var index = from
    while index < line.count {
      let byte = line[index]
      switch byte {
      case 0x22:
        guard let string = string(line, from: index) else { return nil }
        index = string.upperBound + 1
        continue
      case 0x7B, 0x5B: depth += 1
      case 0x7D, 0x5D:
        if depth == 0 { return index }
        depth -= 1
        if depth == 0 { return index + 1 }
      case 0x2C where depth == 0: return index
      default: break
      }
      index += 1
    }
    return nil
  }

  private static func skipSpace(_ line: UnsafeRawBufferPointer, from: Int) -> Int {
    var index = from
    while index < line.count, line[index] == 0x20 || line[index] == 0x09 { index += 1 }
    return index
  }
}

extension EnvelopeParser {
  /// True when `line[range]` is exactly `text`.
  static func matchesWhole(_ line: UnsafeRawBufferPointer, _ range: Range<Int>, _ text: StaticString)
    -> Bool
  {
    range.count == text.utf8CodeUnitCount && matches(line, at: range.lowerBound, text)
  }
}
