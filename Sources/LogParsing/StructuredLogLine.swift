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
      guard let parsed = jsonFields(line) else { return nil }
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

  /// `parseWhen` on the bytes themselves.
  static func parseWhen(_ bytes: UnsafeRawBufferPointer) -> LocalTimestamp? {
    guard bytes.count >= 19, bytes[4] == 0x2D, bytes[7] == 0x2D,
      bytes[10] == 0x20 || bytes[10] == UInt8(ascii: "T"), bytes[13] == 0x3A, bytes[16] == 0x3A
    else { return nil }
    func number(_ range: Range<Int>) -> Int? {
      var value = 0
      for index in range {
        let digit = bytes[index] &- 0x30
        guard digit < 10 else { return nil }
        value = value * 10 + Int(digit)
      }
      return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
      let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19)
    else { return nil }
    var millisecond = 0
    if bytes.count > 19 {
      guard bytes[19] == UInt8(ascii: ".") || bytes[19] == UInt8(ascii: ",") else { return nil }
      let digits = bytes[20...].prefix { $0 &- 0x30 < 10 }
      guard !digits.isEmpty, 20 + digits.count == bytes.count else { return nil }
      for (index, digit) in digits.prefix(3).enumerated() {
        millisecond += Int(digit - 0x30) * (index == 0 ? 100 : index == 1 ? 10 : 1)
      }
    }
    return LocalTimestamp(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second,
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
