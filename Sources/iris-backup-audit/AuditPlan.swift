import ArgumentParser
import AuditReports
import BackupAudit
import BackupEvents
import ClusterConfiguration
import Foundation
import LogReading

/// What an `audit` run will do, from its flags and its configuration file (flags win).
struct AuditPlan {
  var servers: [ServerInput]
  var zones: [String: TimeZone]
  var defaultZone: TimeZone
  var legacyYear: Int?
  var audit: AuditConfiguration
  var catalogue: CompiledCatalogue
  var writes: [(ReportFormat, String)]
  var reportTime: Int64

  init(command: AuditCommand) throws {
    let file = try Self.configurationFile(command)
    var servers = try command.reading.discoverServers(allowingNone: file != nil)
    var zones: [String: TimeZone] = [:]
    var restored = Dictionary(uniqueKeysWithValues: command.restored.map { ($0, String?.none) })
    var audit = file?.audit ?? AuditConfiguration()
    if let file {
      for configured in file.servers {
        if !servers.contains(where: { $0.name == configured.name }) && command.reading.paths.isEmpty
          && command.reading.servers.isEmpty
        {
          servers.append(try ServerDiscovery.discover(
            paths: [], namedServers: ["\(configured.name)=\(configured.path)"])[0])
        }
        if let zone = file.timeZone(of: configured) { zones[configured.name] = TimeZone(identifier: zone) }
        if configured.role == .restored { restored[configured.name] = configured.restoredFrom }
      }
      audit.failOn = file.failOn
    }
    self.servers = servers.sorted { $0.name < $1.name }
    self.zones = zones
    defaultZone =
      command.reading.tz.flatMap(TimeZone.init(identifier:))
      ?? file?.defaultTimeZone.flatMap(TimeZone.init(identifier:)) ?? .current
    if command.reading.tz != nil { self.zones = [:] }
    legacyYear = command.reading.legacyYear ?? file?.legacyYear
    audit.restoredServers.merge(restored) { _, new in new }
    if let value = command.failOn { audit.failOn = value == "critical" ? .critical : .warning }
    if let value = command.freezeTimeout { audit.freezeTimeoutMilliseconds = try Self.duration(value, "--freeze-timeout") }
    if let value = command.maxQuiesce { audit.maxQuiesceMilliseconds = try Self.duration(value, "--max-quiesce") }
    if let value = command.skewTolerance { audit.skewToleranceMilliseconds = try Self.duration(value, "--skew-tolerance") }
    if let value = command.rpo { audit.rpoMilliseconds = try Self.duration(value, "--rpo") }
    let now = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    if let value = command.since { audit.since = try TimeArgument.instant(value, now: now, flag: "--since") }
    if let value = command.until { audit.until = try TimeArgument.instant(value, now: now, flag: "--until") }
    self.audit = audit
    catalogue =
      try file.map { try CompiledCatalogue($0.catalogue()) } ?? CompiledCatalogue.standard
    writes = try command.writes.map { argument in
      guard let equals = argument.firstIndex(of: "="),
        let format = ReportFormat(rawValue: String(argument[..<equals]))
      else {
        throw ValidationError("--write takes FORMAT=PATH with a format of \(AuditCommand.formatNames), not \(argument)")
      }
      return (format, String(argument[argument.index(after: equals)...]))
    }
    reportTime = try command.reportTime.map { try TimeArgument.instant($0, now: now, flag: "--report-time") } ?? now
  }

  /// The reading options of one server: its zone, the legacy year, the catalogue.
  func readingOptions(_ server: ServerInput) -> ReadingOptions {
    ReadingOptions(timeZone: zones[server.name] ?? defaultZone, legacyYear: legacyYear)
  }

  /// `--config`, or the `cluster.toml` of a single cluster folder given as the only path.
  private static func configurationFile(_ command: AuditCommand) throws -> ClusterConfigurationFile? {
    if let path = command.config { return try ClusterConfigurationFile.load(path: path) }
    guard command.reading.paths.count == 1 else { return nil }
    let candidate = (command.reading.paths[0] as NSString).appendingPathComponent("cluster.toml")
    guard FileManager.default.fileExists(atPath: candidate) else { return nil }
    Diagnostics.debug("using the configuration \(candidate)")
    return try ClusterConfigurationFile.load(path: candidate)
  }

  private static func duration(_ text: String, _ flag: String) throws -> Int64 {
    do {
      return try DurationParser.milliseconds(text)
    } catch {
      throw ValidationError("\(flag): \(error)")
    }
  }
}

extension ReadingArguments {
  /// The servers behind the paths; none is fine when a configuration file lists them.
  func discoverServers(allowingNone: Bool) throws -> [ServerInput] {
    if paths.isEmpty && servers.isEmpty && allowingNone { return [] }
    return try discoverServers()
  }
}
