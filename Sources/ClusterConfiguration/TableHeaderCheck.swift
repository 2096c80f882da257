/// Rejects the shapes toml++ cannot be given: a table header that does not begin with a key
/// (after `[` or `[[` and blanks: a bare key character, a quote or `]`), a `}` where an array
/// expects a value (`a = [}`, `a = [1, }`), and a date whose `T` is not followed by a digit
/// (`a = 1979-05-27T:`, `parse_time`'s unchecked `is_decimal_digit`).
///
/// Why: toml++ 3.4 (inside TOMLKit) parses both under preconditions it never checks for
/// itself — `parse_key`'s `is_bare_key_character(*cp) || is_string_delimiter(*cp)` and
/// `parse_value`'s `!is_value_terminator(*cp)`, which `parse_array` leaves unchecked for `}` —
/// so such a file aborts the process in a debug build and is undefined behaviour
/// (`__builtin_assume` of a falsehood) in a release one. Every other caller of those parses
/// checks the character first (the configuration fuzz target found these two). This check runs
/// before TOMLKit sees the text and gives those files an error of their own. A byte order
/// mark at the start is skipped, as toml++ skips it.
///
/// It scans as toml++ reads: comments, the four kinds of strings and the brackets of values,
/// so that a line that begins with `[` inside a multi-line array or string is no header. Past
/// the first thing toml++ itself rejects it may lose track, which is harmless: toml++ stops
/// there with its own error.
enum TableHeaderCheck {
  /// Throws a `ConfigurationError` for the first header that does not begin with a key.
  static func check(_ text: String, file: String) throws {
    let bytes = Array(text.utf8)
    var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    /// The open arrays (`[`) and inline tables (`{`) of the value being read, innermost last.
    var open: [UInt8] = []
    var isLineStart = true
    var line = 1
    var lineStart = 0
    func at(_ offset: Int) -> UInt8? {
      index + offset < bytes.count ? bytes[index + offset] : nil
    }
    func skipString(quote: UInt8) {
      let isMultiLine = at(1) == quote && at(2) == quote
      index += isMultiLine ? 3 : 1
      while index < bytes.count {
        let byte = bytes[index]
        if byte == UInt8(ascii: "\\") && quote == UInt8(ascii: "\"") {
          index += 2
          continue
        }
        if byte == 0x0A {
          guard isMultiLine else { return }
          line += 1
          lineStart = index + 1
        }
        if byte == quote && (!isMultiLine || (at(1) == quote && at(2) == quote)) {
          // A multi-line string may end with up to two more quotes of its own.
          index += isMultiLine ? 3 : 1
          while isMultiLine && at(0) == quote { index += 1 }
          return
        }
        index += 1
      }
    }
    while index < bytes.count {
      let byte = bytes[index]
      switch byte {
      case 0x0A:
        line += 1
        lineStart = index + 1
        isLineStart = true
        index += 1
      case UInt8(ascii: " "), UInt8(ascii: "\t"), 0x0D:
        index += 1
      case UInt8(ascii: "#"):
        while index < bytes.count && bytes[index] != 0x0A { index += 1 }
      case UInt8(ascii: "\""), UInt8(ascii: "'"):
        skipString(quote: byte)
        isLineStart = false
      case UInt8(ascii: "[") where open.isEmpty && isLineStart:
        var next = index + 1
        if next < bytes.count && bytes[next] == UInt8(ascii: "[") { next += 1 }
        while next < bytes.count && (bytes[next] == UInt8(ascii: " ") || bytes[next] == 0x09) {
          next += 1
        }
        if next < bytes.count && !isKeyStart(bytes[next]) {
          throw ConfigurationError(
            file: file, location: "line \(line), column \(next - lineStart + 1)",
            reason: "a table header must begin with a key or ']', not "
              + "'\(String(decoding: [bytes[next]], as: UTF8.self))'")
        }
        // The header's key may hold quoted brackets; its line holds nothing else of interest.
        while index < bytes.count && bytes[index] != 0x0A { index += 1 }
      case UInt8(ascii: "["), UInt8(ascii: "{"):
        open.append(byte)
        isLineStart = false
        index += 1
      case UInt8(ascii: "]"):
        if open.last == UInt8(ascii: "[") { open.removeLast() }
        isLineStart = false
        index += 1
      case UInt8(ascii: "}"):
        if open.last == UInt8(ascii: "[") {
          throw ConfigurationError(
            file: file, location: "line \(line), column \(index - lineStart + 1)",
            reason: "'}' inside an array, where a value or ']' belongs")
        }
        if open.last == UInt8(ascii: "{") { open.removeLast() }
        isLineStart = false
        index += 1
      case UInt8(ascii: "T"), UInt8(ascii: "t") where Self.followsDate(bytes, index):
        if index + 1 >= bytes.count || !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index + 1]) {
          throw ConfigurationError(
            file: file, location: "line \(line), column \(index - lineStart + 1)",
            reason: "a date's 'T' must be followed by a time (1979-05-27T07:32:00)")
        }
        isLineStart = false
        index += 1
      default:
        isLineStart = false
        index += 1
      }
    }
  }

  /// True when the ten bytes before `index` are a date, `YYYY-MM-DD`.
  private static func followsDate(_ bytes: [UInt8], _ index: Int) -> Bool {
    guard index >= 10 else { return false }
    let isDigit = { (byte: UInt8) in (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }
    let date = bytes[(index - 10)..<index]
    return date.enumerated().allSatisfy { offset, byte in
      offset == 4 || offset == 7 ? byte == UInt8(ascii: "-") : isDigit(byte)
    }
  }

  /// A bare key character, a quote, or the `]` toml++ reports as an empty key itself.
  private static func isKeyStart(_ byte: UInt8) -> Bool {
    switch byte {
    case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
      UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"),
      UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "]"):
      true
    default: false
    }
  }
}
