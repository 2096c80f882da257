extension LocalTimestamp {
  /// Reads the form `iso8601` writes, `2021-08-11T05:49:43.233`; nil for anything else.
  public init?(iso8601 text: String) {
    guard let fields = CivilCalendar.fields(of: text, suffix: ""),
      let stamp = Optional(
        LocalTimestamp(
          year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4],
          second: fields[5], millisecond: fields[6])), stamp.isValid
    else { return nil }
    self = stamp
  }
}

extension CivilCalendar {
  /// Reads the form `rfc3339(epochMilliseconds:)` writes, `2021-08-11T03:49:43.233Z`; nil for
  /// anything else.
  public static func epochMilliseconds(rfc3339 text: String) -> Int64? {
    guard let stamp = fields(of: text, suffix: "Z").flatMap({ fields in
      Optional(
        LocalTimestamp(
          year: fields[0], month: fields[1], day: fields[2], hour: fields[3], minute: fields[4],
          second: fields[5], millisecond: fields[6]))
    }), stamp.isValid
    else { return nil }
    return stamp.secondsAsIfUTC * 1000 + Int64(stamp.millisecond)
  }

  /// The seven numbers of `YYYY-MM-DDTHH:MM:SS.mmm` followed by `suffix`.
  static func fields(of text: String, suffix: String) -> [Int]? {
    let bytes = Array(text.utf8)
    let shape = Array("dddd-dd-ddTdd:dd:dd.ddd".utf8) + Array(suffix.utf8)
    guard bytes.count == shape.count else { return nil }
    var numbers: [Int] = []
    var current = 0
    var inNumber = false
    for (byte, expected) in zip(bytes, shape) {
      if expected == UInt8(ascii: "d") {
        guard byte &- 0x30 < 10 else { return nil }
        current = current * 10 + Int(byte - 0x30)
        inNumber = true
      } else {
        guard byte == expected else { return nil }
        if inNumber { numbers.append(current) }
        current = 0
        inNumber = false
      }
    }
    if inNumber { numbers.append(current) }
    return numbers.count == 7 ? numbers : nil
  }
}
