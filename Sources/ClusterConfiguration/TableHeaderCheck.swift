/// Rejects the table headers toml++ cannot be given: after `[` or `[[` (and blanks), a header
/// must begin with a key (a bare key character or a quote) or `]`.
///
/// Why: toml++ 3.4 (inside TOMLKit) parses a header's key with a precondition it never checks
/// for itself — `TOML_ASSERT_ASSUME(is_bare_key_character(*cp) || is_string_delimiter(*cp))` —
/// so `[[[c`, `[=x]` or `[#]` abort the process in a debug build and are undefined behaviour
/// (`__builtin_assume` of a falsehood) in a release one. Every other caller of that parse
/// checks the character first. This check runs before TOMLKit sees the text and gives those
/// files the error toml++ would have given.
///
/// It scans as toml++ reads: comments, the four kinds of strings and the brackets of values,
/// so that a line that begins with `[` inside a multi-line array or string is no header. Past
/// the first thing toml++ itself rejects it may lose track, which is harmless: toml++ stops
/// there with its own error.
enum TableHeaderCheck {
  /// Throws a `ConfigurationError` for the first header that does not begin with a key.
  static func check(_ text: String, file: String) throws {
    let bytes = Array(text.utf8)
    var index = 0
    var depth = 0
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
      case UInt8(ascii: "[") where depth == 0 && isLineStart:
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
        depth += 1
        isLineStart = false
        index += 1
      case UInt8(ascii: "]"), UInt8(ascii: "}"):
        depth = max(0, depth - 1)
        isLineStart = false
        index += 1
      default:
        isLineStart = false
        index += 1
      }
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
