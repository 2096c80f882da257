/// One metric family of the Prometheus text exposition format (version 0.0.4): its `# HELP` and
/// `# TYPE` lines, then its samples, without timestamps.
///
/// Rendering escapes label values (`\\`, `\"`, `\n`, the only escapes the format has) and sorts
/// the samples, so the same figures always give the same bytes.
struct PrometheusFamily {
  /// The metric name, `[a-zA-Z_:][a-zA-Z0-9_:]*`.
  let name: String
  /// One line of help; it holds no backslash or line break.
  let help: String
  /// Label names and values in label-name order, and the value as the format writes it.
  var samples: [(labels: [(name: String, value: String)], value: String)] = []

  /// Every family here is a gauge: the report is a snapshot, not a running count.
  let type = "gauge"

  /// A family of `name` with no samples yet.
  init(_ name: String, help: String) {
    self.name = name
    self.help = help
  }

  /// Adds a sample; `labels` must be in label-name order.
  mutating func add(_ value: String, _ labels: [(name: String, value: String)] = []) {
    samples.append((labels, value))
  }

  /// The family's lines, samples sorted by their label values.
  var lines: [String] {
    let series = samples.map { sample in
      let labels = sample.labels.map { "\($0.name)=\"\(Self.escaped($0.value))\"" }
      return (labels.isEmpty ? name : "\(name){\(labels.joined(separator: ","))}", sample.value)
    }
    return ["# HELP \(name) \(help)", "# TYPE \(name) \(type)"]
      + series.sorted { $0.0 < $1.0 }.map { "\($0.0) \($0.1)" }
  }

  /// A label value escaped for the exposition format; everything else is UTF-8 as it is.
  static func escaped(_ value: String) -> String {
    var result = ""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\\": result += "\\\\"
      case "\"": result += "\\\""
      case "\n": result += "\\n"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }
}
