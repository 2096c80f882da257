/// A JSON value written by hand: objects with sorted keys and a fixed layout, so the same
/// value always gives the same bytes.
enum JSONValue: Sendable, Equatable {
  case null
  case bool(Bool)
  case int(Int64)
  /// A number already formatted (e.g. a fraction).
  case number(String)
  case string(String)
  case array([JSONValue])
  case object([String: JSONValue])

  /// A string, or null when absent.
  static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

  /// Pretty-printed with two spaces, keys sorted, a final newline.
  var rendered: String {
    var output = ""
    write(into: &output, indent: "")
    output += "\n"
    return output
  }

  private func write(into output: inout String, indent: String) {
    switch self {
    case .null: output += "null"
    case .bool(let value): output += value ? "true" : "false"
    case .int(let value): output += String(value)
    case .number(let text): output += text
    case .string(let value): JSONValue.writeString(value, into: &output)
    case .array(let values):
      if values.isEmpty {
        output += "[]"
        return
      }
      output += "[\n"
      for (index, value) in values.enumerated() {
        output += indent + "  "
        value.write(into: &output, indent: indent + "  ")
        output += index + 1 < values.count ? ",\n" : "\n"
      }
      output += indent + "]"
    case .object(let members):
      if members.isEmpty {
        output += "{}"
        return
      }
      output += "{\n"
      let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
      for (index, key) in keys.enumerated() {
        output += indent + "  "
        JSONValue.writeString(key, into: &output)
        output += ": "
        members[key]!.write(into: &output, indent: indent + "  ")
        output += index + 1 < keys.count ? ",\n" : "\n"
      }
      output += indent + "}"
    }
  }

  private static func writeString(_ value: String, into output: inout String) {
    output += "\""
    for scalar in value.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\n": output += "\\n"
      case "\r": output += "\\r"
      case "\t": output += "\\t"
      default:
        if scalar.value < 0x20 {
          output +=
            "\\u00" + TimeText.pad(Int(scalar.value) >> 4, 1)
            + String(scalar.value & 0xF, radix: 16)
        } else {
          output.unicodeScalars.append(scalar)
        }
      }
    }
    output += "\""
  }
}
