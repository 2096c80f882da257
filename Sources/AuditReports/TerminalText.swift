/// Log text made safe and readable for a terminal: control and invisible formatting characters
/// are shown as escapes, so a log line can neither move the cursor, change colours, break the
/// report's lines, nor reorder text (bidirectional overrides).
public enum TerminalText {
  /// The longest evidence text shown; the JSON report keeps the whole line.
  public static let maximumLength = 240

  /// `text` with every control, line-breaking and bidirectional formatting character written
  /// as `\u{XX}` (tab as `\t`), cut at `maximumLength` characters.
  public static func sanitized(_ text: String, limit: Int = maximumLength) -> String {
    var result = ""
    var count = 0
    for scalar in text.unicodeScalars {
      if count == limit {
        let rest = text.unicodeScalars.count - limit
        return result + "… (\(rest) more characters)"
      }
      count += 1
      if scalar == "\t" {
        result += "\\t"
      } else if isUnsafe(scalar) {
        result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      } else {
        result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  /// C0 and C1 controls, DEL, line and paragraph separators, zero-width and bidirectional
  /// formatting characters.
  static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: true
    case 0x200B...0x200F, 0x2028...0x202E, 0x2060...0x2069, 0xFEFF: true
    default: false
    }
  }

  /// `text` padded with spaces to `width` characters.
  static func padded(_ text: String, to width: Int) -> String {
    let count = text.count
    return count >= width ? text : text + String(repeating: " ", count: width - count)
  }

  /// Rows of cells as aligned columns separated by two spaces, without trailing spaces.
  static func columns(_ rows: [[String]], indent: String = "  ") -> [String] {
    let widths = rows.reduce(into: [Int]()) { widths, row in
      for (index, cell) in row.enumerated() {
        if index == widths.count { widths.append(0) }
        widths[index] = max(widths[index], cell.count)
      }
    }
    return rows.map { row in
      let cells = row.enumerated().map { index, cell in
        index == row.count - 1 ? cell : padded(cell, to: widths[index])
      }
      return indent + cells.joined(separator: "  ")
    }
  }
}
