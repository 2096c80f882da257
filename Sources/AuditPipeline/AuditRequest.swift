import AuditReports
import BackupAudit
import BackupEvents
import ClusterConfiguration
import Foundation
import LogReading

/// One audit, fully resolved: flags, then the configuration file, then SPEC's defaults, in
/// this one place. `audit`, `events` and `watch` all start from it, so they read the same
/// servers in the same zones with the same catalogue.
public struct AuditRequest: Sendable {
  /// Where a report goes besides standard output (`--write FORMAT=PATH`).
  public struct Target: Sendable, Equatable {
    public var format: ReportFormat
    public var path: String
  }

  /// The servers to read, by name.
  public var servers: [ServerInput]
  /// `--events`: files of `events` output audited instead of logs; empty reads the logs.
  public var eventFiles: [String] = []
  /// Each server's zone; servers not named here are read in `defaultZone`.
  public var zones: [String: TimeZone]
  public var defaultZone: TimeZone
  public var legacyYear: Int?
  /// `--envelope`: every file's envelope; nil detects it per file (SPEC §3.1).
  public var envelope: Envelope?
  /// The thresholds, scope, members, restored copies and the report time.
  public var audit: AuditConfiguration
  public var catalogue: CompiledCatalogue
  /// `--format`; nil: the command's default (text, or one status line for `--last`).
  public var format: ReportFormat?
  public var targets: [Target]
  /// `--detail`: which sessions the HTML and Markdown reports draw and detail.
  public var detail: ReportDetail
  /// The report's generation time (`--report-time`, else now), in milliseconds since the
  /// epoch; also the time an open episode is judged at.
  public var reportTime: Int64
  /// True when `--report-time` pinned `reportTime`.
  public var isReportTimePinned: Bool
  /// `--last`: only the most recent session.
  public var isLastOnly: Bool
  /// `--wait`: how long `--last` waits for a session in progress to end (milliseconds).
  public var wait: Int64?
  /// The configuration file read, if any.
  public var configurationPath: String?
  /// `--ledger`: where `audit` records the run, or where `report` reads the history from.
  public var ledgerPath: String?
  /// `report --ledger`: the readings come from the ledger, not from logs.
  public var readsLedger: Bool
  /// What the servers were discovered from: paths, then `NAME=PATH` arguments (the
  /// configuration's servers among them), so that `watch` can look again as folders appear.
  public var discoveryPaths: [String]
  public var discoveryNamedServers: [String]

  /// Resolves `options` at `now` (milliseconds since the epoch).
  public init(_ options: AuditOptions, now: Int64) throws(AuditPipelineError) {
    let file = try Self.configurationFile(options)
    configurationPath = file?.path
    if !options.events.isEmpty {
      guard options.paths.isEmpty && options.servers.isEmpty else {
        throw .usage("--events audits events instead of logs: name no log, folder or --server with it")
      }
      if options.wait != nil && options.events.contains("-") {
        throw .usage("--wait reads the events again as they grow, which standard input cannot")
      }
      eventFiles = options.events
    }
    ledgerPath = options.ledger
    readsLedger = options.readsLedger
    if options.readsLedger {
      guard options.ledger != nil else { throw .usage("report needs --ledger FILE") }
      guard options.paths.isEmpty && options.servers.isEmpty && options.events.isEmpty else {
        throw .usage("report reads the ledger alone: name no log, folder, --server or --events")
      }
    }
    if options.ledger != nil && options.isLastOnly {
      throw .usage("--ledger records whole audits: drop --last, or --ledger")
    }
    var servers = try Self.discover(options.paths, options.servers)
    var zones: [String: TimeZone] = [:]
    var audit = file?.audit ?? AuditConfiguration()
    if let ledger = options.ledger, options.readsLedger, file == nil {
      audit = try AuditPipeline.recordedAudit(ledger)
    }
    var restored: [String: String?] = [:]
    discoveryPaths = options.paths
    discoveryNamedServers = options.servers
    if let file {
      let listsServers =
        options.paths.isEmpty && options.servers.isEmpty && eventFiles.isEmpty
        && !options.readsLedger
      for configured in file.servers {
        if listsServers && !servers.contains(where: { $0.name == configured.name }) {
          let named = "\(configured.name)=\(configured.path)"
          servers += try Self.discover([], [named])
          discoveryNamedServers.append(named)
        }
        if let zone = file.timeZone(of: configured) {
          zones[configured.name] = try Self.zone(zone, "the timezone of \(configured.name)")
        }
        if configured.role == .restored { restored[configured.name] = configured.restoredFrom }
      }
      audit.failOn = file.failOn
    }
    if servers.isEmpty && eventFiles.isEmpty && !options.readsLedger {
      throw .usage(
        file == nil
          ? "name at least one log file, folder, --server NAME=PATH or --config FILE"
          : "\(file!.path) lists no servers: name a log file, folder or --server NAME=PATH")
    }
    self.servers = servers.sorted { ServerNameOrder.precedes($0.name, $1.name) }
    if let zone = options.timeZone {
      defaultZone = try Self.zone(zone, "--tz")
      zones = [:]
    } else {
      defaultZone = try file?.defaultTimeZone.map { zone throws(AuditPipelineError) in
        try Self.zone(zone, "the cluster's timezone")
      } ?? .current
    }
    self.zones = zones
    if let year = options.legacyYear, !(1970...2100).contains(year) {
      throw .usage("--legacy-year takes a year from 1970 to 2100, not \(year)")
    }
    legacyYear = options.legacyYear ?? file?.legacyYear
    if let name = options.envelope {
      guard let envelope = Envelope(name: name) else {
        throw .usage(
          "--envelope takes one of \(Envelope.names.joined(separator: ", ")), not \(name)")
      }
      self.envelope = envelope
    }
    if options.restored.contains(where: \.isEmpty) {
      throw .usage("--restored takes a server's name, not an empty one")
    }
    for name in options.restored where restored[name] == nil { restored[name] = String?.none }
    audit.restoredServers.merge(restored) { _, new in new }
    try Self.apply(options, to: &audit, now: now)
    reportTime = try options.reportTime.map { text throws(AuditPipelineError) in
      try TimeArgument.instant(text, now: now, flag: "--report-time")
    } ?? now
    isReportTimePinned = options.reportTime != nil
    audit.reportTime = reportTime
    self.audit = audit
    do {
      catalogue = try file.map { try CompiledCatalogue($0.catalogue()) } ?? .standard
    } catch {
      throw .input("\(file?.path ?? "the configuration"): \(error)")
    }
    format = try options.format.map { name throws(AuditPipelineError) in
      guard let format = ReportFormat(rawValue: name) else {
        throw .usage("unknown format \(name); formats: \(Self.formatNames)")
      }
      return format
    }
    targets = try options.writes.map(Self.target)
    detail = try options.detail.map { name throws(AuditPipelineError) in
      guard let detail = ReportDetail(rawValue: name) else {
        throw .usage("--detail takes findings or all, not \(name)")
      }
      return detail
    } ?? .findings
    isLastOnly = options.isLastOnly
    wait = try options.wait.map { text throws(AuditPipelineError) in
      try Self.duration(text, "--wait")
    }
    if wait != nil && !isLastOnly { throw .usage("--wait is for --last: add --last, or drop --wait") }
  }

  /// The servers as they are now: the same paths and names discovered again (a folder or file
  /// that appeared since counts); nil when that fails (a folder removed), with the reason.
  public func currentServers() -> Result<[ServerInput], AuditPipelineError> {
    do {
      return .success(
        try Self.discover(discoveryPaths, discoveryNamedServers).sorted {
          ServerNameOrder.precedes($0.name, $1.name)
        })
    } catch {
      return .failure(error)
    }
  }

  /// The reading options of one server: its zone and the legacy year.
  public func readingOptions(_ server: ServerInput) -> ReadingOptions {
    var options = ReadingOptions(
      timeZone: zones[server.name] ?? defaultZone, legacyYear: legacyYear)
    options.envelope = envelope
    return options
  }

  /// The format names, for messages and help.
  public static var formatNames: String {
    ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")
  }

  private static func apply(_ options: AuditOptions, to audit: inout AuditConfiguration, now: Int64)
    throws(AuditPipelineError)
  {
    if let value = options.failOn {
      guard value == "warning" || value == "critical" else {
        throw .usage("--fail-on takes warning or critical, not \(value)")
      }
      audit.failOn = value == "critical" ? .critical : .warning
    }
    if let value = options.freezeTimeout {
      audit.freezeTimeoutMilliseconds = try positiveDuration(value, "--freeze-timeout")
    }
    if let value = options.maxQuiesce {
      audit.maxQuiesceMilliseconds = try positiveDuration(value, "--max-quiesce")
    }
    if let value = options.skewTolerance {
      audit.skewToleranceMilliseconds = try duration(value, "--skew-tolerance")
    }
    if let value = options.rpo { audit.rpoMilliseconds = try positiveDuration(value, "--rpo") }
    if let value = options.since {
      audit.since = try TimeArgument.instant(value, now: now, flag: "--since")
    }
    if let value = options.until {
      audit.until = try TimeArgument.instant(value, now: now, flag: "--until")
    }
    if let since = audit.since, let until = audit.until, since >= until {
      throw .usage("--since (\(options.since ?? "")) must come before --until (\(options.until ?? ""))")
    }
  }

  /// A duration that must be longer than zero: a zero timeout would flag every backup.
  private static func positiveDuration(_ text: String, _ flag: String) throws(AuditPipelineError)
    -> Int64
  {
    let value = try duration(text, flag)
    guard value > 0 else { throw .usage("\(flag) must be longer than zero, not \(text)") }
    return value
  }

  /// `--config`, or the `cluster.toml` of a single cluster folder given as the only path.
  private static func configurationFile(_ options: AuditOptions) throws(AuditPipelineError)
    -> ClusterConfigurationFile?
  {
    var path = options.configurationPath
    if path == nil, options.paths.count == 1 {
      let candidate = (options.paths[0] as NSString).appendingPathComponent("cluster.toml")
      if FileManager.default.fileExists(atPath: candidate) { path = candidate }
    }
    guard let path else { return nil }
    do {
      return try ClusterConfigurationFile.load(path: path)
    } catch {
      throw .input(String(describing: error))
    }
  }

  private static func discover(_ paths: [String], _ named: [String]) throws(AuditPipelineError)
    -> [ServerInput]
  {
    guard !paths.isEmpty || !named.isEmpty else { return [] }
    do {
      return try ServerDiscovery.discover(paths: paths, namedServers: named)
    } catch {
      throw .input(String(describing: error))
    }
  }

  private static func zone(_ name: String, _ what: String) throws(AuditPipelineError) -> TimeZone {
    guard let zone = TimeZone(identifier: name) else {
      throw .usage("\(what): unknown time zone \(name); use an IANA name such as Europe/Paris")
    }
    return zone
  }

  private static func target(_ argument: String) throws(AuditPipelineError) -> Target {
    guard let equals = argument.firstIndex(of: "="),
      let format = ReportFormat(rawValue: String(argument[..<equals])),
      argument.index(after: equals) != argument.endIndex
    else {
      throw .usage("--write takes FORMAT=PATH with a format of \(formatNames), not \(argument)")
    }
    let path = String(argument[argument.index(after: equals)...])
    // Checked before the logs are read, so that a typo does not cost a whole audit.
    let folder = (path as NSString).deletingLastPathComponent
    var isFolder: ObjCBool = false
    let parent = folder.isEmpty ? "." : folder
    guard FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder), isFolder.boolValue
    else { throw .output("cannot write \(path): no such folder \(parent)") }
    guard FileManager.default.isWritableFile(atPath: parent) else {
      throw .output("cannot write \(path): the folder \(parent) is not writable")
    }
    return Target(format: format, path: path)
  }

  /// `watch --poll`: a duration from 10 ms to a minute.
  public static func pollInterval(_ text: String) throws(AuditPipelineError) -> Int64 {
    let value = try duration(text, "--poll")
    guard (10...60_000).contains(value) else {
      throw .usage("--poll takes 10ms to 1m, not \(text)")
    }
    return value
  }

  static func duration(_ text: String, _ flag: String) throws(AuditPipelineError) -> Int64 {
    do {
      return try DurationParser.milliseconds(text)
    } catch {
      throw .usage("\(flag): \(error)")
    }
  }
}
