import Foundation

/// Checks a JSON value against the subset of JSON Schema (draft 2020-12) that the report's
/// schema uses: `type`, `required`, `properties`, `additionalProperties`, `items`, `enum`,
/// `pattern`, `minimum`, `maximum`, `anyOf` and local `$ref`s into `$defs`.
///
/// A keyword outside that subset is itself an error, so the schema can never use a rule this
/// checker would silently skip. (Where python3's `jsonschema` is installed, a second test runs
/// the complete validator as well.)
struct JSONSchemaChecker {
  /// Keywords that only annotate.
  static let annotations: Set<String> = ["$schema", "$id", "title", "description", "$defs"]
  static let assertions: Set<String> = [
    "type", "required", "properties", "additionalProperties", "items", "enum", "pattern",
    "minimum", "maximum", "anyOf", "$ref",
  ]

  let root: JSONValue

  /// Every violation, as `<JSON pointer>: <what is wrong>`; empty when `value` is valid.
  func errors(in value: JSONValue) -> [String] {
    check(value, against: root, at: "")
  }

  private func check(_ value: JSONValue, against schema: JSONValue, at pointer: String)
    -> [String]
  {
    guard case .object(let keywords) = schema else {
      return ["\(pointer): schema is not an object"]
    }
    var errors: [String] = []
    for keyword in keywords.keys.sorted()
    where !Self.annotations.contains(keyword) && !Self.assertions.contains(keyword) {
      errors.append("\(pointer): schema keyword \(keyword) is not supported by the checker")
    }
    if case .string(let reference) = keywords["$ref"] {
      guard let target = resolve(reference) else {
        return errors + ["\(pointer): cannot resolve \(reference)"]
      }
      errors += check(value, against: target, at: pointer)
    }
    if let type = keywords["type"] {
      let names = type.arrayValue?.compactMap(\.stringValue) ?? [type.stringValue ?? ""]
      if !names.contains(where: { matches(value, type: $0) }) {
        errors.append("\(pointer): expected \(names.joined(separator: " or ")), found \(value)")
      }
    }
    if case .array(let allowed) = keywords["enum"], !allowed.contains(value) {
      errors.append("\(pointer): \(value) is not one of the allowed values")
    }
    if case .array(let options) = keywords["anyOf"],
      !options.contains(where: { check(value, against: $0, at: pointer).isEmpty })
    {
      errors.append("\(pointer): \(value) matches none of anyOf")
    }
    errors += checkString(value, keywords, at: pointer)
    errors += checkNumber(value, keywords, at: pointer)
    errors += checkObject(value, keywords, at: pointer)
    if case .array(let elements) = value, let items = keywords["items"] {
      for (index, element) in elements.enumerated() {
        errors += check(element, against: items, at: "\(pointer)/\(index)")
      }
    }
    return errors
  }

  private func checkString(_ value: JSONValue, _ keywords: [String: JSONValue], at pointer: String)
    -> [String]
  {
    guard case .string(let text) = value, case .string(let pattern) = keywords["pattern"] else {
      return []
    }
    guard let expression = try? NSRegularExpression(pattern: pattern) else {
      return ["\(pointer): pattern \(pattern) does not compile"]
    }
    let range = NSRange(text.startIndex..., in: text)
    return expression.firstMatch(in: text, range: range) == nil
      ? ["\(pointer): \"\(text)\" does not match \(pattern)"] : []
  }

  private func checkNumber(_ value: JSONValue, _ keywords: [String: JSONValue], at pointer: String)
    -> [String]
  {
    guard let number = Self.number(value) else { return [] }
    var errors: [String] = []
    if let minimum = keywords["minimum"].flatMap(Self.number), number < minimum {
      errors.append("\(pointer): \(number) is below the minimum \(minimum)")
    }
    if let maximum = keywords["maximum"].flatMap(Self.number), number > maximum {
      errors.append("\(pointer): \(number) is above the maximum \(maximum)")
    }
    return errors
  }

  private func checkObject(_ value: JSONValue, _ keywords: [String: JSONValue], at pointer: String)
    -> [String]
  {
    guard case .object(let members) = value else { return [] }
    var errors: [String] = []
    for case .string(let key) in keywords["required"]?.arrayValue ?? [] where members[key] == nil {
      errors.append("\(pointer): required property \(key) is missing")
    }
    let properties: [String: JSONValue]
    if case .object(let declared) = keywords["properties"] {
      properties = declared
    } else {
      properties = [:]
    }
    for key in members.keys.sorted() {
      let member = members[key]!
      if let schema = properties[key] {
        errors += check(member, against: schema, at: "\(pointer)/\(key)")
      } else if let additional = keywords["additionalProperties"] {
        if additional == .bool(false) {
          errors.append("\(pointer): property \(key) is not allowed")
        } else if additional != .bool(true) {
          errors += check(member, against: additional, at: "\(pointer)/\(key)")
        }
      }
    }
    return errors
  }

  private func resolve(_ reference: String) -> JSONValue? {
    guard reference.hasPrefix("#/") else { return nil }
    var node: JSONValue? = root
    for part in reference.dropFirst(2).split(separator: "/") { node = node?[String(part)] }
    return node
  }

  private func matches(_ value: JSONValue, type: String) -> Bool {
    switch (type, value) {
    case ("null", .null), ("boolean", .bool), ("string", .string), ("array", .array),
      ("object", .object), ("integer", .integer), ("number", .integer), ("number", .number):
      true
    case ("integer", .number(let number)): number.rounded() == number
    default: false
    }
  }

  private static func number(_ value: JSONValue) -> Double? {
    switch value {
    case .integer(let integer): Double(integer)
    case .number(let number): number
    default: nil
    }
  }
}
