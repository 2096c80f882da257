/// Reads and writes the durations of the configuration file and of the command line
/// (`--freeze-timeout`, `--max-quiesce`, `--skew-tolerance`, `--rpo`).
///
/// A duration is a whole number of seconds (`600`) or whole numbers with units from the
/// largest to the smallest, each at most once: `d`, `h`, `m`, `s`, `ms` (`2d`, `26h`,
/// `1h30m`, `10m`, `600s`, `1500ms`). Anything else is an error rather than a guess, because a
/// threshold read wrongly makes a wrong verdict.
public enum DurationParser {
  /// The units in the order they must appear, with their length in milliseconds.
  static let units: [(symbol: String, milliseconds: Int64)] = [
    ("d", 86_400_000), ("h", 3_600_000), ("m", 60_000), ("s", 1_000), ("ms", 1),
  ]

  /// The duration `text` stands for, in milliseconds.
  ///
  /// Throws a `ConfigurationError` without file or location; callers place it with
  /// `located(file:location:)` or prefix the flag's name.
  public static func milliseconds(_ text: String) throws -> Int64 {
    let bytes = Array(text.utf8)
    guard !bytes.isEmpty else { throw invalid(text, "the duration is empty") }
    if bytes.allSatisfy(isDigit) {
      return try scaled(bytes[...], by: 1_000, text: text)
    }
    var total: Int64 = 0
    var index = 0
    var nextUnit = 0
    while index < bytes.count {
      let numberStart = index
      while index < bytes.count, isDigit(bytes[index]) { index += 1 }
      let unitStart = index
      while index < bytes.count, !isDigit(bytes[index]) { index += 1 }
      let number = bytes[numberStart..<unitStart]
      let symbol = String(decoding: bytes[unitStart..<index], as: UTF8.self)
      guard !number.isEmpty else { throw invalid(text, "a number must come before each unit") }
      guard let unit = units.firstIndex(where: { $0.symbol == symbol }) else {
        throw invalid(text, "unknown unit \"\(symbol)\"")
      }
      guard unit >= nextUnit else {
        throw invalid(text, "units must go from the largest to the smallest, each once")
      }
      nextUnit = unit + 1
      let part = try scaled(number, by: units[unit].milliseconds, text: text)
      let (sum, overflow) = total.addingReportingOverflow(part)
      guard !overflow else { throw invalid(text, "the duration is too long") }
      total = sum
    }
    return total
  }

  /// A text `milliseconds(_:)` reads back as `milliseconds`, in the units people write
  /// thresholds in: seconds under an hour (`600s`, `2s`, as IRIS's `ExternalFreezeTimeout`),
  /// whole hours (`26h`), hours and minutes (`1h30m`), milliseconds when not whole seconds.
  public static func text(milliseconds: Int64) -> String {
    guard milliseconds >= 0, milliseconds % 1_000 == 0 else { return "\(milliseconds)ms" }
    let seconds = milliseconds / 1_000
    guard seconds >= 3_600 else { return "\(seconds)s" }
    let minutes = seconds / 60 % 60
    let rest = seconds % 60
    return "\(seconds / 3_600)h" + (minutes == 0 ? "" : "\(minutes)m")
      + (rest == 0 ? "" : "\(rest)s")
  }

  private static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

  private static func scaled(_ digits: ArraySlice<UInt8>, by factor: Int64, text: String) throws
    -> Int64
  {
    var value: Int64 = 0
    for digit in digits {
      let (times, overflow1) = value.multipliedReportingOverflow(by: 10)
      let (sum, overflow2) = times.addingReportingOverflow(Int64(digit - 0x30))
      guard !overflow1, !overflow2 else { throw invalid(text, "the duration is too long") }
      value = sum
    }
    let (result, overflow) = value.multipliedReportingOverflow(by: factor)
    guard !overflow else { throw invalid(text, "the duration is too long") }
    return result
  }

  private static func invalid(_ text: String, _ why: String) -> ConfigurationError {
    ConfigurationError(
      reason: "invalid duration \"\(text)\": \(why); write whole numbers with units d, h, m, s "
        + "or ms from the largest down, such as 600s, 10m, 26h, 1h30m, or plain seconds (600)")
  }
}
