/// Plugin output read as Nagios reads it (Nagios plugin guidelines): the first line is
/// `IRIS BACKUP <STATE> - <summary> | <perfdata>`, the further lines are long output.
///
/// `problems` lists what breaks the guidelines: a first line of another shape or with more than
/// one `|`, perfdata that is not `'label'=value[UOM];[warn];[crit];[min];[max]` (labels quoted
/// when they hold a space, a quote doubled inside quotes, no `=` in them; a known unit or `U`;
/// thresholds as ranges), a `|` in the long output, or no final newline.
struct NagiosOutput {
  struct Perfdatum: Equatable {
    var label: String
    /// The value with its unit, then warn, crit, min and max as written (empty when left out).
    var fields: [String]
    var value: String { fields[0] }
  }

  private(set) var state = ""
  private(set) var summary = ""
  private(set) var perfdata: [Perfdatum] = []
  private(set) var longOutput: [String] = []
  private(set) var problems: [String] = []

  static let states = ["OK", "WARNING", "CRITICAL", "UNKNOWN"]
  static let units = ["", "s", "ms", "us", "%", "B", "KB", "MB", "TB", "c"]

  init(_ text: String) {
    if !text.hasSuffix("\n") { problems.append("no newline at the end") }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    guard let first = lines.first else {
      problems.append("no output")
      return
    }
    longOutput = Array(lines.dropFirst())
    for line in longOutput where line.unicodeScalars.contains("|") {
      problems.append("a | in long output: \(line)")
    }
    let halves = first.split(separator: "|", omittingEmptySubsequences: false)
    guard halves.count == 2, first.unicodeScalars.filter({ $0 == "|" }).count == 1 else {
      problems.append("the first line needs exactly one |: \(first)")
      return
    }
    let status = halves[0]
    let words = status.split(separator: " ", maxSplits: 4, omittingEmptySubsequences: false)
    guard words.count == 5, words[0] == "IRIS", words[1] == "BACKUP",
      Self.states.contains(String(words[2])), words[3] == "-", status.hasSuffix(" ")
    else {
      problems.append("not IRIS BACKUP <STATE> - <summary>: \(status)")
      return
    }
    state = String(words[2])
    summary = String(words[4].dropLast())
    guard halves[1].hasPrefix(" ") else {
      problems.append("no space after |")
      return
    }
    parsePerfdata(halves[1].dropFirst())
  }

  private mutating func parsePerfdata(_ text: Substring) {
    var rest = text
    while !rest.isEmpty {
      var label = ""
      if rest.first == "'" {
        rest = rest.dropFirst()
        while true {
          guard let character = rest.popFirst() else { return problems.append("open quote") }
          if character == "'" {
            guard rest.first == "'" else { break }
            rest = rest.dropFirst()
          }
          label.append(character)
        }
      } else {
        label = String(rest.prefix { $0 != "=" && $0 != " " })
        rest = rest.dropFirst(label.count)
        if label.contains("'") { problems.append("a quote in unquoted label \(label)") }
      }
      guard !label.isEmpty, !label.contains("="), rest.first == "=" else {
        return problems.append("bad label before \(rest)")
      }
      rest = rest.dropFirst()
      let datum = rest.prefix { $0 != " " }
      rest = rest.dropFirst(datum.count).drop { $0 == " " }
      let fields = datum.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
      check(Perfdatum(label: label, fields: fields))
    }
  }

  private mutating func check(_ datum: Perfdatum) {
    perfdata.append(datum)
    guard (1...5).contains(datum.fields.count) else {
      return problems.append("\(datum.label): \(datum.fields.count) fields")
    }
    let number = datum.value.prefix { $0.isNumber || $0 == "." || $0 == "-" }
    let unit = String(datum.value.dropFirst(number.count))
    if datum.value != "U" && (Double(number) == nil || !Self.units.contains(unit)) {
      problems.append("\(datum.label): value \(datum.value)")
    }
    for (index, field) in datum.fields.enumerated().dropFirst() where !field.isEmpty {
      let valid =
        index <= 2
        ? field.allSatisfy { $0.isNumber || "@~:.-".contains($0) } : Double(field) != nil
      if !valid { problems.append("\(datum.label): field \(index + 1) is \(field)") }
    }
  }
}
