import Foundation

/// The options of `simulate`, read from and written to a command line by one table.
///
/// This is the only parser of these options: `simulate` passes its words through unparsed,
/// and the samples' test rebuilds a corpus from the command line recorded in its
/// `cluster.toml`, so the two can never disagree.
extension SimulationConfiguration {
  /// Every option, in the order `arguments` writes them.
  public static let options: [SimulationOption] = [
    .number(
      "--seed", \.seed, kind: "a whole number from 0", help: "Seed of every random choice."),
    .number("--servers", \.serverCount, help: "Data servers: a master and N-1 shards."),
    .number("--days", \.days, help: "Simulated days, each with a nightly backup."),
    SimulationOption(
      "--start", value: "date", help: "First simulated day, YYYY-MM-DD (UTC).",
      isAlwaysRecorded: true,
      read: { configuration, text throws(SimulationError) in
        guard let date = CivilDate(parsing: text) else {
          throw .invalidConfiguration("--start must be a date like 2021-08-05")
        }
        configuration.start = date
      }, written: { $0.start.isoText }),
    SimulationOption(
      "--timezone", value: "zones",
      help: "IANA zones given to the servers in turn, comma-separated (master first).",
      isAlwaysRecorded: true,
      read: { configuration, text in configuration.timeZones = items(text) },
      written: { $0.timeZones.joined(separator: ",") }),
    .number("--noise-per-hour", \.noisePerHour, help: "Ordinary messages per server and hour."),
    .number(
      "--skew-ms", \.skewMilliseconds,
      help: "Bound of each server's clock offset, in milliseconds (0-800)."),
    .list(
      "--faults", \.faults, kind: "fault", value: "rules",
      help: "Faults to inject at least once each, comma-separated rule IDs (see above).",
      choices: "see simulate --help for the list"),
    .number(
      "--fault-rate", \.faultRate, kind: "a number",
      help: "Probability that a night carries a random fault (0-1).", isAlwaysRecorded: false),
    .number(
      "--rotate-bytes", \.rotateBytes, help: "Rotate messages.log at this size (0: never).",
      isAlwaysRecorded: false),
    .flag("--gzip-rotated", \.gzipRotated, help: "Gzip rotated logs."),
    .flag(
      "--restore-test", \.restoreTest,
      help: "Add restore1, started from a snapshot of the master taken while frozen."),
    .list(
      "--layouts", \.layouts, kind: "layout", value: "layouts",
      help: "Log layouts given to the servers in turn: \(names(LogLayout.self, ", ")).",
      choices: "use \(names(LogLayout.self, " or "))"),
    .list(
      "--approaches", \.approaches, kind: "approach", value: "approaches",
      help: "Approaches the scheduler uses, comma-separated: \(names(BackupApproach.self, ", ")).",
      choices: "use \(names(BackupApproach.self, " or "))"),
    .number(
      "--decoy-share", \.decoyShare, kind: "a number",
      help: "Share of the noise lines that mention a backup class without being an event "
        + "(0-1), such as Backup.General.IsWDSuspended or a task named after ExternalFreeze.",
      isAlwaysRecorded: false),
    SimulationOption(
      "--envelope", value: "envelope",
      help: "Write the logs as containers and shippers keep them: "
        + "\(names(SimulatedEnvelope.self, ", ")); compose and syslog write every server "
        + "into one cluster.log.",
      read: { configuration, text throws(SimulationError) in
        guard let envelope = SimulatedEnvelope(rawValue: text) else {
          throw .invalidConfiguration(
            "--envelope must be one of \(names(SimulatedEnvelope.self, ", ")), not \(text)")
        }
        configuration.envelope = envelope
      }, written: { $0.envelope.rawValue }),
  ]

  /// Parses options as `arguments` writes them (`--seed 7 --servers 4 …`, or `--seed=7`);
  /// throws on anything else, a folder included.
  public init(arguments: [String]) throws(SimulationError) {
    let (configuration, folders) = try Self.parse(arguments)
    if let folder = folders.first {
      throw .invalidConfiguration("unexpected argument \(folder)")
    }
    self = configuration
  }

  /// Parses `simulate`'s words: one output folder and the options, in any order (`--` ends
  /// the options). Does not validate the values: `validate()` does.
  public static func parse(commandLine words: [String]) throws(SimulationError) -> (
    outputDirectory: String, configuration: SimulationConfiguration
  ) {
    let (configuration, folders) = try parse(words)
    guard let folder = folders.first else {
      throw .invalidConfiguration("missing the output folder: simulate OUTDIR [options]")
    }
    if folders.count > 1 { throw .invalidConfiguration("unexpected argument \(folders[1])") }
    return (folder, configuration)
  }

  /// The options that reproduce this configuration (without the output folder, so a corpus
  /// does not depend on where it was written): those recorded always, and the others when
  /// they differ from the default.
  public var arguments: [String] {
    let defaults = SimulationConfiguration()
    var result: [String] = []
    for option in Self.options {
      let text = option.written(self)
      guard option.isAlwaysRecorded || text != option.written(defaults) else { continue }
      result += option.valueName == nil ? [option.flag] : [option.flag, text]
    }
    return result
  }

  /// The configuration the options in `words` give, and the words that are no option.
  private static func parse(_ words: [String]) throws(SimulationError) -> (
    SimulationConfiguration, [String]
  ) {
    var configuration = SimulationConfiguration()
    var positional: [String] = []
    var index = words.startIndex
    var optionsEnded = false
    while index < words.endIndex {
      let word = words[index]
      index += 1
      if optionsEnded || !word.hasPrefix("--") {
        positional.append(word)
        continue
      }
      if word == "--" {
        optionsEnded = true
        continue
      }
      let equals = word.firstIndex(of: "=")
      let flag = equals.map { String(word[..<$0]) } ?? word
      let attached = equals.map { String(word[word.index(after: $0)...]) }
      guard let option = options.first(where: { $0.flag == flag }) else {
        throw .invalidConfiguration("unknown option \(flag)")
      }
      var value = "true"
      if option.valueName == nil {
        if attached != nil { throw .invalidConfiguration("\(flag) takes no value") }
      } else if let attached {
        value = attached
      } else {
        guard index < words.endIndex else { throw .invalidConfiguration("\(flag) needs a value") }
        value = words[index]
        index += 1
      }
      try option.read(&configuration, value)
    }
    return (configuration, positional)
  }

  /// The items of a comma-separated list, trimmed, without empty ones.
  static func items(_ text: String) -> [String] {
    text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter {
      !$0.isEmpty
    }
  }

  /// The raw values of an enumeration, joined (`a, b or c` with `separator` " or ").
  private static func names<Value: CaseIterable & RawRepresentable>(
    _ type: Value.Type, _ separator: String
  ) -> String where Value.RawValue == String {
    let all = type.allCases.map(\.rawValue)
    guard separator == " or ", let last = all.last, all.count > 1 else {
      return all.joined(separator: separator)
    }
    return all.dropLast().joined(separator: ", ") + " or " + last
  }
}
