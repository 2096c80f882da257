import BackupAudit

/// Log text made inert for the markup formats (Markdown, JUnit XML, Nagios): the escaping the
/// writers share, so that a log line reads the same, and is equally harmless, in each of them.
///
/// Control characters are shown as visible escapes (`\u{1B}`) rather than dropped, so an auditor
/// sees that a line held them; the JSON and SARIF reports keep the exact text.
enum MarkupEscaping {
  /// An evidence line as `path:line: text`, visible and on one line, its text cut like terminal
  /// text (the JSON and SARIF reports keep the whole line).
  static func evidenceLine(_ evidence: Evidence) -> String {
    "\(visible(evidence.path)):\(evidence.line): "
      + visible(evidence.text, limit: TerminalText.maximumLength)
  }

  /// `text` with every character a markup format must not carry raw written as an escape: the
  /// controls, line breaks and bidirectional overrides `TerminalText` shows, U+FFFE and U+FFFF,
  /// which XML 1.0 cannot hold, and the format's own `escaping` (Nagios' `|`). Cut at `limit`
  /// characters like terminal text.
  ///
  /// The result is one line of XML 1.0 characters only, so it fits an attribute, a text node, a
  /// Markdown table cell or a Nagios output line. It works on Unicode scalars: a `|` followed by
  /// a combining mark is one Swift character, but still a `|` to a parser that reads bytes.
  static func visible(
    _ text: String, limit: Int = .max, escaping: Set<Unicode.Scalar> = []
  ) -> String {
    let sanitized = TerminalText.sanitized(text, limit: limit)
    let isEscaped = { (scalar: Unicode.Scalar) in
      scalar.value == 0xFFFE || scalar.value == 0xFFFF || escaping.contains(scalar)
    }
    guard sanitized.unicodeScalars.contains(where: isEscaped) else { return sanitized }
    var result = ""
    for scalar in sanitized.unicodeScalars {
      if isEscaped(scalar) {
        result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// `text` as Markdown inline text (a table cell, a paragraph): visible escapes first, then
  /// every character that could start markup as a numeric character reference.
  ///
  /// References rather than backslashes, because CommonMark, GitHub and Ink all read `&#60;` as
  /// a literal `<` (Ink passes `\<` through as a tag) and a reference never splits a table
  /// cell. Covered: HTML and autolinks (`<`, `>`), entities (`&`), cells (`|`), code spans,
  /// emphasis, strikethrough, links and images (`` ` `` `*` `_` `~` `[` `]`), escapes (`\`),
  /// GitHub math (`$`), email autolinks (`@`), and the `:` of `scheme://` and the `.` of `www.`
  /// that GitHub turns into links without any markup.
  static func markdown(_ text: String) -> String {
    var result = ""
    let scalars = Array(visible(text).unicodeScalars)
    for (index, scalar) in scalars.enumerated() {
      let startsLink =
        (scalar == ":" && index + 1 < scalars.count && scalars[index + 1] == "/")
        || (scalar == "." && index >= 3
          && scalars[(index - 3)..<index].allSatisfy { $0 == "w" || $0 == "W" })
      if markdownSpecials.contains(scalar) || startsLink {
        result += "&#\(scalar.value);"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static let markdownSpecials: Set<Unicode.Scalar> = [
    "&", "<", ">", "|", "\\", "`", "*", "_", "~", "[", "]", "$", "@",
  ]

  /// A backtick fence for a code block of `lines`: one backtick longer than the longest run in
  /// them, and at least three, so no line can close the block early.
  static func codeFence(for lines: [String]) -> String {
    var longest = 0
    for line in lines {
      var run = 0
      for scalar in line.unicodeScalars {
        run = scalar == "`" ? run + 1 : 0
        longest = max(longest, run)
      }
    }
    return String(repeating: "`", count: max(3, longest + 1))
  }

  /// A finite number as the shortest decimal that reads back as it, without a trailing `.0`
  /// (`600`, `812.345`), for the formats that machines parse (perfdata, Prometheus samples).
  static func decimal(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 {
      return String(Int64(value))
    }
    return "\(value)"
  }
}
