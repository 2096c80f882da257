/// The literal text every match of an anchored pattern begins with: `^Backup\.General\.
/// ExternalFreeze: Suspending system\s*$` begins with `Backup.General.ExternalFreeze: Suspending
/// system`, so a message that does not begin so is no match, and a byte comparison tells it
/// before PCRE2 is asked.
///
/// Conservative by construction: it reads the pattern from `^` up to the first thing that is
/// not a plain or escaped literal character (a class, a group, `.`, `\s`, an option), drops a
/// character that a quantifier may make optional, and gives nothing for a pattern with an
/// alternative at its top level (`^a|b` matches `b` anywhere). An empty prefix means "always
/// ask PCRE2": it may let candidates through, never keep a match out.
enum AnchoredPrefix {
  /// The literal prefix of `pattern`, or empty.
  static func literal(of pattern: String) -> [UInt8] {
    let bytes = Array(pattern.utf8)
    guard bytes.first == UInt8(ascii: "^"), !hasTopLevelAlternative(bytes) else { return [] }
    var prefix: [UInt8] = []
    var index = 1
    while index < bytes.count {
      let byte = bytes[index]
      var literal: UInt8
      var width = 1
      if byte == UInt8(ascii: "\\") {
        guard index + 1 < bytes.count, isEscapedPunctuation(bytes[index + 1]) else { break }
        literal = bytes[index + 1]
        width = 2
      } else if isMeta(byte) || byte >= 0x80 {
        // Bytes of a multi-byte character would need the same care as quantifiers: stop.
        break
      } else {
        literal = byte
      }
      let next = index + width < bytes.count ? bytes[index + width] : nil
      if let next, next == UInt8(ascii: "?") || next == UInt8(ascii: "*")
        || next == UInt8(ascii: "{")
      {
        break
      }
      prefix.append(literal)
      index += width
      if next == UInt8(ascii: "+") { break }
    }
    return prefix
  }

  private static func isMeta(_ byte: UInt8) -> Bool {
    ".^$|()[]{}*+?".utf8.contains(byte)
  }

  /// `\.` and the like: an escaped ASCII punctuation character stands for itself.
  private static func isEscapedPunctuation(_ byte: UInt8) -> Bool {
    "./-:\\ ()[]{}*+?|^$#@!%&=,;<>'\"`~_".utf8.contains(byte)
  }

  /// True when `|` occurs outside every group and character class.
  private static func hasTopLevelAlternative(_ bytes: [UInt8]) -> Bool {
    var depth = 0
    var inClass = false
    var index = 0
    while index < bytes.count {
      let byte = bytes[index]
      if byte == UInt8(ascii: "\\") {
        index += 2
        continue
      }
      if inClass {
        if byte == UInt8(ascii: "]") { inClass = false }
      } else {
        switch byte {
        case UInt8(ascii: "["): inClass = true
        case UInt8(ascii: "("): depth += 1
        case UInt8(ascii: ")"): depth = max(0, depth - 1)
        case UInt8(ascii: "|") where depth == 0: return true
        default: break
        }
      }
      index += 1
    }
    return false
  }
}
