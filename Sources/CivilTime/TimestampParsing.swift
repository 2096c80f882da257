extension LocalTimestamp {
  /// Reads the form `iso8601` writes, `2021-08-11T05:49:43.233`; nil for anything else.
  public init?(iso8601 text: String) {
    guard let stamp = CivilCalendar.timestamp(of: text, suffix: nil) else { return nil }
    self = stamp
  }
}

extension CivilCalendar {
  /// Reads the form `rfc3339(epochMilliseconds:)` writes, `2021-08-11T03:49:43.233Z`; nil for
  /// anything else.
  public static func epochMilliseconds(rfc3339 text: String) -> Int64? {
    guard let stamp = timestamp(of: text, suffix: UInt8(ascii: "Z")) else { return nil }
    return stamp.secondsAsIfUTC * 1000 + Int64(stamp.millisecond)
  }

  /// The valid timestamp `YYYY-MM-DDTHH:MM:SS.mmm` followed by `suffix`, read in place: the
  /// ledger reads one for every event of its history.
  static func timestamp(of text: String, suffix: UInt8?) -> LocalTimestamp? {
    var text = text
    return text.withUTF8 { bytes -> LocalTimestamp? in
      guard bytes.count == 23 + (suffix == nil ? 0 : 1), suffix.map({ bytes[23] == $0 }) ?? true
      else { return nil }
      for (offset, separator) in Self.separators where bytes[offset] != separator {
        return nil
      }
      func number(_ from: Int, _ count: Int) -> Int? {
        var value = 0
        for index in from..<from + count {
          let digit = bytes[index] &- 0x30
          guard digit < 10 else { return nil }
          value = value * 10 + Int(digit)
        }
        return value
      }
      guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
        let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
        let millisecond = number(20, 3)
      else { return nil }
      let stamp = LocalTimestamp(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        millisecond: millisecond)
      return stamp.isValid ? stamp : nil
    }
  }

  /// Where `YYYY-MM-DDTHH:MM:SS.mmm` has its separators.
  private static let separators: [(Int, UInt8)] = [
    (4, UInt8(ascii: "-")), (7, UInt8(ascii: "-")), (10, UInt8(ascii: "T")),
    (13, UInt8(ascii: ":")), (16, UInt8(ascii: ":")), (19, UInt8(ascii: ".")),
  ]
}
