/// One option of `simulate`: how its value sets a configuration, how a configuration writes
/// it back, and its help.
///
/// `SimulationConfiguration.options` holds them all; a new option is one entry there.
public struct SimulationOption: Sendable {
  /// Sets the option from its value's text (`"true"` for a flag, which takes none).
  typealias Reader =
    @Sendable (inout SimulationConfiguration, String) throws(SimulationError) -> Void

  /// The long name, `--seed`.
  public let flag: String
  /// What its value is called in the help (`number`); nil for a flag, which takes none.
  public let valueName: String?
  /// One sentence for the help.
  public let help: String
  /// Written by `arguments` even at its default, so that a recorded command line states it.
  let isAlwaysRecorded: Bool
  let read: Reader
  /// The option's value in a configuration, as a command line writes it (`true` or `false`
  /// for a flag).
  let written: @Sendable (SimulationConfiguration) -> String

  init(
    _ flag: String, value valueName: String?, help: String, isAlwaysRecorded: Bool = false,
    read: @escaping Reader, written: @escaping @Sendable (SimulationConfiguration) -> String
  ) {
    self.flag = flag
    self.valueName = valueName
    self.help = help
    self.isAlwaysRecorded = isAlwaysRecorded
    self.read = read
    self.written = written
  }

  /// The value of the default configuration, for the help; nil for a flag or an empty list.
  public var defaultText: String? {
    let text = written(SimulationConfiguration())
    return valueName == nil || text.isEmpty ? nil : text
  }

  /// A number (its range is checked by `validate()`); `kind` says what its text must be.
  static func number<Value: LosslessStringConvertible & Sendable>(
    _ flag: String, _ property: WritableKeyPath<SimulationConfiguration, Value> & Sendable,
    kind: String = "a whole number", help: String, isAlwaysRecorded: Bool = true
  ) -> SimulationOption {
    SimulationOption(
      flag, value: "number", help: help, isAlwaysRecorded: isAlwaysRecorded,
      read: { configuration, text throws(SimulationError) in
        guard let number = Value(text) else {
          throw .invalidConfiguration("\(flag) needs \(kind), not \(text)")
        }
        configuration[keyPath: property] = number
      }, written: { $0[keyPath: property].description })
  }

  /// A flag: present or not.
  static func flag(
    _ flag: String, _ property: WritableKeyPath<SimulationConfiguration, Bool> & Sendable,
    help: String
  ) -> SimulationOption {
    SimulationOption(
      flag, value: nil, help: help,
      read: { configuration, _ in configuration[keyPath: property] = true },
      written: { String($0[keyPath: property]) })
  }

  /// A comma-separated list of names of `Value`; `choices` says what to use instead of an
  /// unknown name.
  static func list<Value: RawRepresentable & Sendable>(
    _ flag: String, _ property: WritableKeyPath<SimulationConfiguration, [Value]> & Sendable,
    kind: String, value valueName: String, help: String, choices: String
  ) -> SimulationOption where Value.RawValue == String {
    SimulationOption(
      flag, value: valueName, help: help,
      read: { configuration, text throws(SimulationError) in
        var values: [Value] = []
        for name in SimulationConfiguration.items(text) {
          guard let value = Value(rawValue: name) else {
            throw .invalidConfiguration("unknown \(kind) \(name); \(choices)")
          }
          values.append(value)
        }
        configuration[keyPath: property] = values
      }, written: { $0[keyPath: property].map(\.rawValue).joined(separator: ",") })
  }
}
