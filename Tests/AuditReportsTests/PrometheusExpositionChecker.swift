/// Checks text against the Prometheus text exposition format (0.0.4) as node_exporter's textfile
/// collector and `promtool check metrics` read it, and returns the samples with their label
/// values unescaped, so tests can compare them with what was meant.
///
/// Checked: metric and label name grammar; `# HELP` and `# TYPE` at most once per family and
/// before its samples; a known type; a family's samples in one group; label values quoted with
/// only the `\\`, `\"` and `\n` escapes; values that parse as floats; no sample timestamps; no
/// duplicate series; a final newline.
struct PrometheusExpositionChecker {
  struct Sample: Equatable {
    var name: String
    var labels: [String: String]
    var value: Double
  }

  private(set) var samples: [Sample] = []
  private(set) var problems: [String] = []
  private var helped: Set<String> = []
  private var typed: [String: String] = [:]
  private var finished: Set<String> = []
  private var current: String?
  private var series: Set<String> = []

  /// Checks `text`; `problems` is empty when it is valid.
  init(_ text: String) {
    if !text.isEmpty && !text.hasSuffix("\n") { problems.append("no newline at the end") }
    for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
    where !line.isEmpty {
      check(String(line), number: index + 1)
    }
  }

  private mutating func check(_ line: String, number: Int) {
    if line.hasPrefix("#") {
      let parts = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
      guard parts.count >= 3, parts[1] == "HELP" || parts[1] == "TYPE" else { return }
      let name = String(parts[2])
      if !Self.isMetricName(name) { problem(number, "invalid metric name \(name)") }
      if !samples.filter({ $0.name == name }).isEmpty {
        problem(number, "\(parts[1]) of \(name) after its samples")
      }
      if parts[1] == "HELP" {
        if !helped.insert(name).inserted { problem(number, "second HELP for \(name)") }
      } else {
        let type = parts.count > 3 ? String(parts[3]) : ""
        if typed[name] != nil { problem(number, "second TYPE for \(name)") }
        if !["counter", "gauge", "histogram", "summary", "untyped"].contains(type) {
          problem(number, "unknown type \(type)")
        }
        typed[name] = type
      }
      return
    }
    guard let sample = parseSample(line, number: number) else { return }
    if typed[sample.name] == nil { problem(number, "sample of \(sample.name) before its TYPE") }
    if helped.contains(sample.name) == false { problem(number, "\(sample.name) has no HELP") }
    if current != sample.name {
      if finished.contains(sample.name) { problem(number, "\(sample.name) is not one group") }
      if let current { finished.insert(current) }
      current = sample.name
    }
    let key = sample.name + sample.labels.sorted { $0.key < $1.key }.description
    if !series.insert(key).inserted { problem(number, "duplicate series \(line)") }
    samples.append(sample)
  }

  /// `name{label="value",…} value`, with nothing after the value.
  private mutating func parseSample(_ line: String, number: Int) -> Sample? {
    var rest = Substring(line)
    let name = String(rest.prefix { $0 != "{" && $0 != " " })
    rest = rest.dropFirst(name.count)
    guard Self.isMetricName(name) else { return problem(number, "invalid metric name \(name)") }
    var labels: [String: String] = [:]
    if rest.first == "{" {
      rest = rest.dropFirst()
      while rest.first != "}" {
        let label = String(rest.prefix { $0 != "=" })
        guard Self.isLabelName(label), !label.hasPrefix("__") else {
          return problem(number, "invalid label name \(label)")
        }
        rest = rest.dropFirst(label.count)
        guard rest.hasPrefix("=\"") else { return problem(number, "label \(label) not quoted") }
        rest = rest.dropFirst(2)
        guard let value = Self.labelValue(&rest) else {
          return problem(number, "bad label value of \(label)")
        }
        if labels.updateValue(value, forKey: label) != nil {
          return problem(number, "label \(label) twice")
        }
        if rest.first == "," { rest = rest.dropFirst() }
      }
      rest = rest.dropFirst()
    }
    let fields = rest.split(separator: " ")
    guard rest.first == " ", fields.count == 1 else {
      return problem(number, "expected one value and no timestamp: \(line)")
    }
    guard let value = Self.float(String(fields[0])) else {
      return problem(number, "value \(fields[0]) is not a float")
    }
    return Sample(name: name, labels: labels, value: value)
  }

  /// Reads a label value up to its closing quote, unescaping it.
  private static func labelValue(_ rest: inout Substring) -> String? {
    var value = ""
    var scalars = rest.unicodeScalars[...]
    while let scalar = scalars.popFirst() {
      switch scalar {
      case "\"":
        rest = Substring(scalars)
        return value
      case "\\":
        switch scalars.popFirst() {
        case "\\": value += "\\"
        case "\"": value += "\""
        case "n": value += "\n"
        default: return nil
        }
      case "\n": return nil
      default: value.unicodeScalars.append(scalar)
      }
    }
    return nil
  }

  /// A float as Go's `ParseFloat`, which Prometheus uses, reads it (`NaN`, `+Inf` included).
  private static func float(_ text: String) -> Double? {
    Double(text)
  }

  static func isMetricName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first,
      isASCIILetter(first) || first == "_" || first == ":"
    else { return false }
    return name.unicodeScalars.allSatisfy {
      isASCIILetter($0) || isDigit($0) || $0 == "_" || $0 == ":"
    }
  }

  static func isLabelName(_ name: String) -> Bool {
    guard let first = name.unicodeScalars.first, isASCIILetter(first) || first == "_" else {
      return false
    }
    return name.unicodeScalars.allSatisfy { isASCIILetter($0) || isDigit($0) || $0 == "_" }
  }

  private static func isASCIILetter(_ scalar: Unicode.Scalar) -> Bool {
    ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
  }

  private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    ("0"..."9").contains(scalar)
  }

  @discardableResult
  private mutating func problem(_ line: Int, _ message: String) -> Sample? {
    problems.append("line \(line): \(message)")
    return nil
  }
}
