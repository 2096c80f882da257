/// How the HTML report writes numbers, durations and the anchors its sections link by.
///
/// Nothing here depends on the locale: thousands are grouped with commas and decimals with a
/// point whatever the machine's settings, so the same report gives the same bytes everywhere.
enum HTMLFormat {
  /// The fragment of a session's timeline: `session-` and its id, with anything but letters,
  /// digits, `-` and `_` replaced, so a hostile id cannot leave the attribute or the URL.
  static func sessionAnchor(_ id: String) -> String {
    "session-"
      + String(
        String.UnicodeScalarView(
          id.unicodeScalars.map { isAnchorSafe($0) ? $0 : "_" }))
  }

  /// The fragment of the finding at `index` in the result's findings: `finding-1` for the
  /// first.
  static func findingAnchor(_ index: Int) -> String {
    "finding-\(index + 1)"
  }

  /// Seconds with the milliseconds kept and no trailing zeros (`812.345 s`, `600 s`), then,
  /// from a minute on, the same in larger units (`812.345 s (13 min 32 s)`).
  static func duration(milliseconds: Int64) -> String {
    let plain = "\(decimal(milliseconds)) s"
    guard abs(milliseconds) >= 60_000 else { return plain }
    return "\(plain) (\(coarse(milliseconds)))"
  }

  /// A duration in its two largest units, rounded to whole seconds: `13 min 32 s`, `36 h`.
  static func coarse(_ milliseconds: Int64) -> String {
    let seconds = (abs(milliseconds) + 500) / 1_000
    let units: [(size: Int64, name: String)] = [(86_400, "d"), (3_600, "h"), (60, "min"), (1, "s")]
    let first = units.firstIndex { seconds >= $0.size } ?? units.count - 1
    var parts = ["\(seconds / units[first].size) \(units[first].name)"]
    if first + 1 < units.count {
      let next = units[first + 1]
      let count = seconds % units[first].size / next.size
      if count > 0 { parts.append("\(count) \(next.name)") }
    }
    return (milliseconds < 0 ? "-" : "") + parts.joined(separator: " ")
  }

  /// `thousandths` as a decimal with at most three places and no trailing zeros:
  /// milliseconds as seconds (`812345` → `812.345`, `600000` → `600`).
  static func decimal(_ thousandths: Int64) -> String {
    let sign = thousandths < 0 ? "-" : ""
    var fraction = String(abs(thousandths) % 1_000)
    fraction = String(repeating: "0", count: 3 - fraction.count) + fraction
    while fraction.hasSuffix("0") { fraction.removeLast() }
    return sign + grouped(abs(thousandths) / 1_000) + (fraction.isEmpty ? "" : "." + fraction)
  }

  /// A count with its thousands grouped by commas: `48,213`.
  static func grouped(_ value: some BinaryInteger) -> String {
    let digits = Array(String(value.magnitude))
    var result = value < 0 ? "-" : ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
      result.append(digit)
    }
    return result
  }

  /// `count` and `noun`, plural unless the count is one: `1 session`, `42 sessions`,
  /// `12 duplicate entries`.
  static func counted(_ count: Int, _ noun: String) -> String {
    let plural = noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s"
    return "\(grouped(count)) \(count == 1 ? noun : plural)"
  }

  /// An RFC 3339 UTC instant, or `fallback` when there is none.
  static func time(_ epochMilliseconds: Int64?, fallback: String = "–") -> String {
    timestamp(epochMilliseconds) ?? fallback
  }

  private static func isAnchorSafe(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar {
    case "a"..."z", "A"..."Z", "0"..."9", "-", "_": true
    default: false
    }
  }
}
