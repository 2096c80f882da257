/// Where the parts of one enveloped line lie (byte offsets into the line as written).
public struct EnvelopeFields: Equatable, Sendable {
  /// The server's name the transport gives (compose's service, syslog's host), if any.
  public var name: Range<Int>?
  /// The carried text: IRIS's line, or its part; JSON-escaped for Docker's json-file.
  public var content: Range<Int>
  /// True when the line is one part of a longer one (CRI `P`, a Docker record without `\n`).
  public var isPartial = false
  /// 1 for standard error, 0 for standard output (parts are joined per stream).
  public var stream = 0
  /// True when `content` is a JSON string body that needs unescaping.
  public var isEscaped = false
}

/// Reads the transport layer of one line (SPEC §3.1), byte by byte: no allocation, no regex.
/// Each parser returns nil when the line is not in its form (a cut or foreign line).
public enum EnvelopeParser {
  /// The fields of `line` in `transport`, or nil when it is not in that form.
  public static func parse(_ line: UnsafeRawBufferPointer, _ transport: Envelope.Transport)
    -> EnvelopeFields?
  {
    switch transport {
    case .none: EnvelopeFields(content: 0..<line.count)
    case .compose: compose(line)
    case .cri: cri(line)
    case .dockerJSON: DockerJSONLine.fields(line)
    case .syslog: syslog(line)
    case .syslog5424: syslog5424(line)
    }
  }

  /// `name  | text`: a name without spaces, padding, a bar, one space; the text may start with
  /// the RFC 3339 time `--timestamps` adds, which is transport time and dropped.
  static func compose(_ line: UnsafeRawBufferPointer) -> EnvelopeFields? {
    var index = 0
    while index < line.count, line[index] != 0x20, line[index] != 0x7C { index += 1 }
    guard index > 0 else { return nil }
    let name = 0..<index
    while index < line.count, line[index] == 0x20 { index += 1 }
    guard index < line.count, line[index] == 0x7C, index > name.upperBound else { return nil }
    index += 1
    if index < line.count, line[index] == 0x20 { index += 1 }
    if let end = rfc3339End(line, from: index), end < line.count, line[end] == 0x20 {
      index = end + 1
    }
    return EnvelopeFields(name: name, content: index..<line.count)
  }

  /// `<RFC 3339> stdout|stderr P|F[:tags] text`.
  static func cri(_ line: UnsafeRawBufferPointer) -> EnvelopeFields? {
    guard let timeEnd = rfc3339End(line, from: 0), timeEnd < line.count, line[timeEnd] == 0x20
    else { return nil }
    var index = timeEnd + 1
    let stream: Int
    if matches(line, at: index, "stdout ") {
      stream = 0
    } else if matches(line, at: index, "stderr ") {
      stream = 1
    } else {
      return nil
    }
    index += 7
    guard index < line.count, line[index] == 0x50 || line[index] == 0x46 else { return nil }
    let isPartial = line[index] == 0x50
    while index < line.count, line[index] != 0x20 { index += 1 }
    if index < line.count { index += 1 }
    return EnvelopeFields(content: index..<line.count, isPartial: isPartial, stream: stream)
  }

  /// `[<PRI>]Mmm dd HH:MM:SS host tag: text` or `[<PRI>]<RFC 3339> host tag: text`: the tag is
  /// one word (`iris:`, `iris[4711]:`), and one space separates it from the text.
  static func syslog(_ line: UnsafeRawBufferPointer) -> EnvelopeFields? {
    var index = priorityEnd(line) ?? 0
    if let end = rfc3339End(line, from: index) {
      index = end
    } else if let end = traditionalTimeEnd(line, from: index) {
      index = end
    } else {
      return nil
    }
    guard index < line.count, line[index] == 0x20 else { return nil }
    guard let host = word(line, from: index + 1) else { return nil }
    guard host.upperBound < line.count, let tag = word(line, from: host.upperBound + 1),
      tag.count <= 64
    else { return nil }
    let start = min(tag.upperBound + 1, line.count)
    return EnvelopeFields(name: host, content: start..<line.count)
  }

  /// `<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]`, SD `-` or `[…]` elements, MSG perhaps
  /// after a byte order mark.
  static func syslog5424(_ line: UnsafeRawBufferPointer) -> EnvelopeFields? {
    guard let priority = priorityEnd(line), matches(line, at: priority, "1 ") else { return nil }
    var index = priority + 2
    guard let time = word(line, from: index) else { return nil }
    index = time.upperBound + 1
    guard let host = word(line, from: index) else { return nil }
    index = host.upperBound + 1
    for _ in 0..<3 {  // APP-NAME, PROCID, MSGID
      guard let field = word(line, from: index) else { return nil }
      index = field.upperBound + 1
    }
    guard index < line.count else { return nil }
    if line[index] == 0x2D {
      index += 1
    } else {
      while index < line.count, line[index] == 0x5B {
        guard let end = structuredElementEnd(line, from: index) else { return nil }
        index = end
      }
    }
    if index < line.count {
      guard line[index] == 0x20 else { return nil }
      index += 1
    }
    if matches(line, at: index, "\u{FEFF}") { index += 3 }
    return EnvelopeFields(name: host, content: index..<line.count)
  }

  /// The end of `[id param="value" …]` at `from`, `\]` and `\"` escaped inside values.
  private static func structuredElementEnd(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
    var index = from + 1
    var inValue = false
    while index < line.count {
      let byte = line[index]
      if inValue && byte == 0x5C {
        index += 2
        continue
      }
      if byte == 0x22 { inValue.toggle() }
      if byte == 0x5D && !inValue { return index + 1 }
      index += 1
    }
    return nil
  }

  /// The end of `<digits>` at the start of `line`.
  private static func priorityEnd(_ line: UnsafeRawBufferPointer) -> Int? {
    guard line.count > 2, line[0] == 0x3C else { return nil }
    var index = 1
    while index < line.count, index <= 4, isDigit(line[index]) { index += 1 }
    guard index > 1, index < line.count, line[index] == 0x3E else { return nil }
    return index + 1
  }

  /// A run of bytes other than space at `from`, ending before a space or the line's end.
  private static func word(_ line: UnsafeRawBufferPointer, from: Int) -> Range<Int>? {
    var index = from
    while index < line.count, line[index] != 0x20 { index += 1 }
    return index > from ? from..<index : nil
  }

  /// The end of `Mmm dd HH:MM:SS` (day space-padded) at `from`.
  private static func traditionalTimeEnd(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard from + 15 <= line.count else { return nil }
    func letter(_ offset: Int) -> Bool { (line[from + offset] | 0x20) &- 0x61 < 26 }
    guard letter(0), letter(1), letter(2), line[from + 3] == 0x20,
      line[from + 4] == 0x20 || isDigit(line[from + 4]), isDigit(line[from + 5]),
      line[from + 6] == 0x20, isDigit(line[from + 7]), isDigit(line[from + 8]),
      line[from + 9] == 0x3A, isDigit(line[from + 10]), isDigit(line[from + 11]),
      line[from + 12] == 0x3A, isDigit(line[from + 13]), isDigit(line[from + 14])
    else { return nil }
    return from + 15
  }

  /// The end of `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` at `from`.
  static func rfc3339End(_ line: UnsafeRawBufferPointer, from: Int) -> Int? {
    guard from + 20 <= line.count else { return nil }
    let shape = "dddd-dd-ddTdd:dd:dd".utf8
    for (offset, expected) in shape.enumerated() {
      let byte = line[from + offset]
      if expected == 0x64 {
        guard isDigit(byte) else { return nil }
      } else if expected == 0x54 {
        guard byte == 0x54 || byte == 0x74 || byte == 0x20 else { return nil }
      } else if byte != expected {
        return nil
      }
    }
    var index = from + 19
    if line[index] == 0x2E || line[index] == 0x2C {
      index += 1
      let digits = index
      while index < line.count, isDigit(line[index]) { index += 1 }
      guard index > digits else { return nil }
    }
    guard index < line.count else { return nil }
    if line[index] == 0x5A || line[index] == 0x7A { return index + 1 }
    guard line[index] == 0x2B || line[index] == 0x2D, index + 6 <= line.count,
      isDigit(line[index + 1]), isDigit(line[index + 2]), line[index + 3] == 0x3A,
      isDigit(line[index + 4]), isDigit(line[index + 5])
    else { return nil }
    return index + 6
  }

  /// True when `line` holds `text`'s bytes at `offset`.
  static func matches(_ line: UnsafeRawBufferPointer, at offset: Int, _ text: StaticString)
    -> Bool
  {
    let count = text.utf8CodeUnitCount
    guard offset >= 0, offset + count <= line.count else { return false }
    let expected = UnsafeRawBufferPointer(start: text.utf8Start, count: count)
    for index in 0..<count where line[offset + index] != expected[index] { return false }
    return true
  }

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  /// The end of `iris-main`'s `[LEVEL] log: ` prefix at the start of `line`, or nil.
  public static func irisMainPrefixEnd(_ line: UnsafeRawBufferPointer) -> Int? {
    guard line.count >= 7, line[0] == 0x5B else { return nil }
    var index = 1
    while index < line.count, index <= 8, (line[index] &- 0x41) < 26 { index += 1 }
    guard index > 1, matches(line, at: index, "] log:") else { return nil }
    index += 6
    return index < line.count && line[index] == 0x20 ? index + 1 : index
  }
}
