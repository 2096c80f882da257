import Foundation

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// One line of the structured log irislogd writes, in either of its forms (SPEC §3.1).
public struct StructuredLogLine: Equatable, Sendable {
  public var layout: EntryLayout
  public var timestamp: LocalTimestamp
  public var pid: Int?
  /// From `level`: INFO 0, WARNING 1, SEVERE 2, FATAL 3.
  public var severity: Int?
  /// The `event` field, which plays the part of `[Category]`.
  public var category: String?
  /// The `text` field with its escapes undone; may hold newlines.
  public var text: String

  /// Parses `when="…" pid=… level=… event=… text="…"` or `{ "when": …, … }`; nil otherwise.
  public static func parse(_ line: UnsafeRawBufferPointer) -> StructuredLogLine? {
    guard let first = line.first else { return nil }
    let fields: [String: String]
    let layout: EntryLayout
    if first == UInt8(ascii: "{") {
      guard let parsed = escapedJSONFields(line) ?? jsonFields(line) else { return nil }
      fields = parsed
      layout = .structuredJSON
    } else if startsWithWhen(line) {
      guard let parsed = pairFields(line) else { return nil }
      fields = parsed
      layout = .structuredPairs
    } else {
      return nil
    }
    guard let when = fields["when"], let timestamp = parseWhen(when), timestamp.isValid else {
      return nil
    }
    return StructuredLogLine(
      layout: layout, timestamp: timestamp, pid: fields["pid"].flatMap { Int($0) },
      severity: fields["level"].flatMap(severity(of:)), category: fields["event"],
      text: fields["text"] ?? "")
  }

  /// True when `line` starts with `when=`: five byte compares, the first of which rejects
  /// nearly every line that is not of this form (this runs for every line of a log).
  @inline(__always)
  static func startsWithWhen(_ line: UnsafeRawBufferPointer) -> Bool {
    line.count >= 5 && line[0] == UInt8(ascii: "w") && line[1] == UInt8(ascii: "h")
      && line[2] == UInt8(ascii: "e") && line[3] == UInt8(ascii: "n") && line[4] == UInt8(ascii: "=")
  }

  /// The timestamp of a name/value line that `parse` accepts, read without allocating; nil for
  /// every other line, and for lines with a backslash or a non-ASCII byte in `when` (the caller
  /// then takes the general path). The same tokeniser as `pairFields`: the last `when` counts.
  public static func pairsTimestamp(_ line: UnsafeRawBufferPointer) -> LocalTimestamp? {
    guard startsWithWhen(line), let base = line.baseAddress,
      memchr(base, Int32(UInt8(ascii: "\\")), line.count) == nil
    else { return nil }
    var tokeniser = NameValueTokeniser(line)
    var when: Range<Int>?
    while let field = tokeniser.next() {
      if field.name.count == 4
        && UnsafeRawBufferPointer(rebasing: line[field.name]).elementsEqual("when".utf8)
      {
        when = field.value
      }
    }
    guard !tokeniser.isMalformed, let when else { return nil }
    let digits = UnsafeRawBufferPointer(rebasing: line[when])
    guard digits.allSatisfy({ $0 < 0x80 }), let timestamp = parseWhen(digits), timestamp.isValid
    else { return nil }
    return timestamp
  }

  /// INFO 0, WARNING 1, SEVERE 2, FATAL 3 (also accepts the digits themselves).
  static func severity(of level: String) -> Int? {
    switch level.uppercased() {
    case "INFO", "0": 0
    case "WARNING", "WARN", "1": 1
    case "SEVERE", "ERROR", "2": 2
    case "FATAL", "3": 3
    default: nil
    }
  }

  /// `2019-08-01 18:43:02.216` (a `T` may replace the space; 0 to 9 fraction digits).
  static func parseWhen(_ text: String) -> LocalTimestamp? {
    var text = text
    return text.withUTF8 { parseWhen(UnsafeRawBufferPointer($0)) }
  }

  /// `parseWhen` on the bytes themselves: three words read and checked eight digits at a time,
  /// because it runs for every line of a structured log.
  static func parseWhen(_ bytes: UnsafeRawBufferPointer) -> LocalTimestamp? {
    let count = bytes.count
    guard count >= 19, let base = bytes.baseAddress else { return nil }
    // `YYYY-MM-`, `DD HH:MM` and `M:SS`, each byte in its lane (lane 0 first).
    let date = base.loadUnaligned(fromByteOffset: 0, as: UInt64.self).littleEndian
    let time = base.loadUnaligned(fromByteOffset: 8, as: UInt64.self).littleEndian
    let seconds = UInt64(base.loadUnaligned(fromByteOffset: 15, as: UInt32.self).littleEndian)
    @inline(__always) func lane(_ word: UInt64, _ index: UInt64) -> UInt8 {
      UInt8(truncatingIfNeeded: word >> (8 * index))
    }
    let separator = lane(time, 2)
    guard lane(date, 4) == 0x2D, lane(date, 7) == 0x2D,
      separator == 0x20 || separator == UInt8(ascii: "T"), lane(time, 5) == 0x3A,
      lane(seconds, 1) == 0x3A
    else { return nil }
    // The separators' lanes become `0`; then every lane holds a digit exactly when none of
    // `byte - 0x30` is 10 or more (a borrow or carry between lanes only follows a lane that
    // is no digit, which is then caught).
    @inline(__always) func digits(_ word: UInt64, separators: UInt64) -> UInt64? {
      let values = ((word & ~separators) | (0x3030_3030_3030_3030 & separators))
        &- 0x3030_3030_3030_3030
      return ((values &+ 0x7676_7676_7676_7676) | values) & 0x8080_8080_8080_8080 == 0
        ? values : nil
    }
    guard let day = digits(date, separators: 0xFF00_00FF_0000_0000),
      let clock = digits(time, separators: 0x0000_FF00_00FF_0000),
      let second = digits(seconds, separators: 0xFFFF_FFFF_0000_FF00)
    else { return nil }
    @inline(__always) func pair(_ word: UInt64, _ index: UInt64) -> Int {
      Int(lane(word, index)) * 10 + Int(lane(word, index + 1))
    }
    var millisecond = 0
    if count > 19 {
      let mark = base.load(fromByteOffset: 19, as: UInt8.self)
      guard mark == UInt8(ascii: ".") || mark == UInt8(ascii: ","), count > 20 else { return nil }
      var scale = 100
      for offset in 20..<count {
        let value = base.load(fromByteOffset: offset, as: UInt8.self) &- 0x30
        guard value < 10 else { return nil }
        millisecond += Int(value) * scale
        scale /= 10
      }
    }
    return LocalTimestamp(
      year: pair(day, 0) * 100 + pair(day, 2), month: pair(day, 5), day: pair(clock, 0),
      hour: pair(clock, 3), minute: pair(clock, 6), second: pair(second, 2),
      millisecond: millisecond)
  }

  /// The name/value form: `name=value` or `name="quoted \" value"`, separated by spaces, read
  /// by `NameValueTokeniser`; a quoted value's escapes are undone, and the last of a name counts.
  static func pairFields(_ line: UnsafeRawBufferPointer) -> [String: String]? {
    var fields: [String: String] = [:]
    var tokeniser = NameValueTokeniser(line)
    while let field = tokeniser.next() {
      let value = UnsafeRawBufferPointer(rebasing: line[field.value])
      fields[String(decoding: line[field.name], as: UTF8.self)] =
        field.isQuoted
        ? String(decoding: NameValueTokeniser.unescaped(value), as: UTF8.self)
        : String(decoding: value, as: UTF8.self)
    }
    return tokeniser.isMalformed ? nil : fields
  }

  /// The JSON form, through Foundation's parser; values that are numbers become their text.
  static func jsonFields(_ line: UnsafeRawBufferPointer) -> [String: String]? {
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
    else { return nil }
    var fields: [String: String] = [:]
    for (name, value) in object {
      switch value {
      case let text as String: fields[name] = text
      case let number as NSNumber: fields[name] = number.stringValue
      default: continue
      }
    }
    return fields
  }
}
