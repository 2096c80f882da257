/// The text every match of an anchored pattern begins with: `^Backup\.General\.
/// ExternalFreeze: Suspending system\s*$` begins with `Backup.General.ExternalFreeze: Suspending
/// system`, so a message that does not begin so is no match, and a byte comparison tells it
/// before PCRE2 is asked; `^Backup\.General.ExternalThaw` begins with `Backup.General`, any one
/// character, then `ExternalThaw` (`elements(of:)`, which `CatalogueDispatch` walks).
///
/// Conservative by construction: it reads the pattern from `^` up to the first thing that is
/// not a plain or escaped literal character or a `.` (a class, a group, `\s`, an option), drops
/// a character that a quantifier may make optional (and a `.` it may repeat), stops after a
/// character it repeats, and gives nothing for a pattern with an alternative at its top level (`^a|b` matches `b` anywhere). An empty prefix means
/// "always ask PCRE2": it may let candidates through, never keep a match out.
enum AnchoredPrefix {
  /// One position of a prefix.
  enum Element: Equatable, Hashable {
    /// This byte.
    case byte(UInt8)
    /// Any one character but a line end: `.` (in UTF mode one to four bytes).
    case anyCharacter
  }

  /// The literal prefix of `pattern`, or empty: `elements(of:)` up to its first `.`.
  static func literal(of pattern: String) -> [UInt8] {
    var prefix: [UInt8] = []
    for element in elements(of: pattern) {
      guard case .byte(let byte) = element else { break }
      prefix.append(byte)
    }
    return prefix
  }

  /// What every match of `pattern` begins with, position by position, `.` included: the
  /// Backup wordings are written `^Backup\.General.ExternalFreeze: …`, whose class and method
  /// lie past such a dot.
  static func elements(of pattern: String) -> [Element] {
    let bytes = Array(pattern.utf8)
    guard bytes.first == UInt8(ascii: "^"), !hasTopLevelAlternative(bytes) else { return [] }
    var prefix: [Element] = []
    var index = 1
    while index < bytes.count {
      let byte = bytes[index]
      var element: Element
      var width = 1
      if byte == UInt8(ascii: "\\") {
        guard index + 1 < bytes.count, isEscapedPunctuation(bytes[index + 1]) else { break }
        element = .byte(bytes[index + 1])
        width = 2
      } else if byte == UInt8(ascii: ".") {
        element = .anyCharacter
      } else if isMeta(byte) || byte >= 0x80 {
        // Bytes of a multi-byte character would need the same care as quantifiers: stop.
        break
      } else {
        element = .byte(byte)
      }
      let next = index + width < bytes.count ? bytes[index + width] : nil
      if let next, next == UInt8(ascii: "?") || next == UInt8(ascii: "*")
        || next == UInt8(ascii: "{") || (next == UInt8(ascii: "+") && element == .anyCharacter)
      {
        break
      }
      prefix.append(element)
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
