extension StructuredLogLine {
  /// The fields of a JSON-form line read without Foundation, for the lines the one-pass reader
  /// refuses because a string holds an escape (`\n` between a message's lines, `\"`); nil for
  /// every line it cannot vouch for, which then goes to Foundation's parser (`jsonFields`).
  ///
  /// It takes one flat object whose keys are strings without escapes and whose values are
  /// strings with the escapes `\" \\ \/ \b \f \n \r \t`, in ASCII, with spaces between tokens;
  /// these Foundation reads the same way, the last of a name counting. Anything else (a `\u`
  /// escape, a number, a byte outside ASCII, other whitespace) gives nil.
  static func escapedJSONFields(_ line: UnsafeRawBufferPointer) -> [String: String]? {
    var reader = EscapedJSONReader(line: line)
    return reader.fields()
  }
}

/// The reader of `escapedJSONFields`: a cursor over the line, as a stored property.
private struct EscapedJSONReader {
  let line: UnsafeRawBufferPointer
  /// The next byte to read: after the opening brace.
  var position = 1
  /// The bytes of the string being read, unescaped.
  var scratch: [UInt8] = []

  init(line: UnsafeRawBufferPointer) {
    self.line = line
  }

  mutating func fields() -> [String: String]? {
    guard line.first == UInt8(ascii: "{") else { return nil }
    var fields: [String: String] = [:]
    while true {
      skipSpaces()
      guard let name = string(escapes: false) else { return nil }
      skipSpaces()
      guard take(UInt8(ascii: ":")) else { return nil }
      skipSpaces()
      guard let value = string(escapes: true) else { return nil }
      fields[name] = value
      skipSpaces()
      if take(UInt8(ascii: ",")) { continue }
      guard take(UInt8(ascii: "}")) else { return nil }
      break
    }
    skipSpaces()
    return position == line.count ? fields : nil
  }

  mutating func skipSpaces() {
    while position < line.count && line[position] == 0x20 { position += 1 }
  }

  mutating func take(_ byte: UInt8) -> Bool {
    guard position < line.count, line[position] == byte else { return false }
    position += 1
    return true
  }

  /// A string at `position`, its escapes undone; nil for an escape in a key, a `\u` escape or
  /// an unknown one, a control byte, a byte outside ASCII, or the end of the line. Runs of
  /// plain bytes are copied whole.
  mutating func string(escapes: Bool) -> String? {
    guard take(UInt8(ascii: "\"")) else { return nil }
    var start = position
    var isEscaped = false
    while position < line.count {
      let byte = line[position]
      if byte == UInt8(ascii: "\"") {
        let run = UnsafeRawBufferPointer(rebasing: line[start..<position])
        position += 1
        guard isEscaped else { return String(decoding: run, as: UTF8.self) }
        scratch.append(contentsOf: run)
        return String(decoding: scratch, as: UTF8.self)
      }
      if byte == UInt8(ascii: "\\") {
        guard escapes, position + 1 < line.count else { return nil }
        if !isEscaped { scratch.removeAll(keepingCapacity: true) }
        isEscaped = true
        scratch.append(contentsOf: UnsafeRawBufferPointer(rebasing: line[start..<position]))
        let escaped = line[position + 1]
        switch escaped {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): scratch.append(escaped)
        case UInt8(ascii: "b"): scratch.append(0x08)
        case UInt8(ascii: "f"): scratch.append(0x0C)
        case UInt8(ascii: "n"): scratch.append(0x0A)
        case UInt8(ascii: "r"): scratch.append(0x0D)
        case UInt8(ascii: "t"): scratch.append(0x09)
        default: return nil
        }
        position += 2
        start = position
        continue
      }
      guard byte >= 0x20 && byte < 0x80 else { return nil }
      position += 1
    }
    return nil
  }
}
