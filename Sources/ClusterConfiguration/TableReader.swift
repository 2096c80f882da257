import TOMLKit

/// One TOML table of the configuration file, read key by key: typed getters whose errors name
/// the key's full path, and a check that the table holds no key the format does not know.
///
/// Unknown keys are errors, not ignored, because a misspelt threshold (`freeze_timout`) would
/// otherwise silently leave the default in force.
struct TableReader {
  let table: TOMLTable
  /// The table's key path (`thresholds`, `servers[2]`), empty for the document itself.
  let location: String
  let file: String

  /// Wraps `table`; throws when it holds a key not in `allowedKeys`.
  init(_ table: TOMLTable, location: String, file: String, allowedKeys: [String]) throws {
    self.table = table
    self.location = location
    self.file = file
    for key in table.keys.sorted() where !allowedKeys.contains(key) {
      let expected = allowedKeys.sorted().joined(separator: ", ")
      throw error(key, "unknown key; expected one of \(expected)")
    }
  }

  /// The full key path of `key`.
  func path(_ key: String) -> String {
    location.isEmpty ? key : "\(location).\(key)"
  }

  /// An error at `key` (or at the table itself when `key` is nil).
  func error(_ key: String?, _ reason: String) -> ConfigurationError {
    ConfigurationError(file: file, location: key.map(path) ?? location, reason: reason)
  }

  func string(_ key: String) throws -> String? {
    guard let value = table[key] else { return nil }
    guard let string = value.string else { throw mistyped(key, value, expected: "a string") }
    return string
  }

  /// A string that must be present and not empty.
  func requiredString(_ key: String) throws -> String {
    guard let string = try string(key) else { throw error(key, "required key is missing") }
    guard !string.isEmpty else { throw error(key, "must not be empty") }
    return string
  }

  func integer(_ key: String) throws -> Int? {
    guard let value = table[key] else { return nil }
    guard let integer = value.int else { throw mistyped(key, value, expected: "an integer") }
    return integer
  }

  func boolean(_ key: String) throws -> Bool? {
    guard let value = table[key] else { return nil }
    guard let boolean = value.bool else {
      throw mistyped(key, value, expected: "true or false")
    }
    return boolean
  }

  /// A duration written as a string (`"600s"`, `"1h30m"`) or an integer of seconds.
  func duration(_ key: String) throws -> Int64? {
    guard let value = table[key] else { return nil }
    do {
      if let seconds = value.int, value.type == .int {
        return try DurationParser.milliseconds(String(seconds))
      }
      guard let text = value.string else {
        throw mistyped(key, value, expected: "a duration such as \"600s\"")
      }
      return try DurationParser.milliseconds(text)
    } catch let failure as ConfigurationError {
      throw failure.located(file: file, location: path(key))
    }
  }

  /// The sub-table at `key`, checked against its own allowed keys.
  func table(_ key: String, allowedKeys: [String]) throws -> TableReader? {
    guard let value = table[key] else { return nil }
    guard let child = value.table else { throw mistyped(key, value, expected: "a table") }
    return try TableReader(child, location: path(key), file: file, allowedKeys: allowedKeys)
  }

  /// The array of tables (`[[key]]`) at `key`, each checked against `allowedKeys`.
  func tables(_ key: String, allowedKeys: [String]) throws -> [TableReader] {
    guard let value = table[key] else { return [] }
    guard let array = value.array else {
      throw mistyped(key, value, expected: "an array of tables ([[\(key)]])")
    }
    return try array.enumerated().map { index, element in
      let location = "\(path(key))[\(index)]"
      guard let child = element.table else {
        throw ConfigurationError(
          file: file, location: location,
          reason: "expected a table ([[\(key)]]), found \(describe(element.type))")
      }
      return try TableReader(child, location: location, file: file, allowedKeys: allowedKeys)
    }
  }

  private func mistyped(_ key: String, _ value: TOMLValueConvertible, expected: String)
    -> ConfigurationError
  {
    error(key, "expected \(expected), found \(describe(value.type))")
  }

  private func describe(_ type: TOMLType) -> String {
    switch type {
    case .int, .array: "an \(type)"
    default: "a \(type)"
    }
  }
}
