import BackupAudit
import BackupEvents
import Foundation
import TOMLKit

/// Turns the text of a configuration file into a validated `ClusterConfigurationFile`.
///
/// Validation stops at the first problem, in file order of the sections (cluster, thresholds,
/// servers, catalogue), so the same file always gives the same message.
struct ConfigurationParser {
  /// The file as the user named it, for messages and for resolving server paths.
  let path: String

  static let rootKeys = ["catalogue", "cluster", "servers", "thresholds"]
  static let clusterKeys = ["name", "timezone"]
  static let thresholdKeys = [
    "fail_on", "freeze_timeout", "legacy_year", "max_quiesce", "rpo", "skew_tolerance",
  ]
  static let serverKeys = ["name", "path", "restored_from", "role", "timezone"]
  static let catalogueKeys = ["event", "literal", "pattern", "replace", "scope"]
  /// Years a legacy log can plausibly start in.
  static let legacyYears = 1970...2100

  func parse(_ text: String) throws -> ClusterConfigurationFile {
    let document: TOMLTable
    try TableHeaderCheck.check(text, file: path)
    do {
      document = try TOMLTable(string: text)
    } catch let failure as TOMLParseError {
      let position = failure.source.begin
      throw ConfigurationError(
        file: path, location: "line \(position.line), column \(position.column)",
        reason: failure.description.lowercased())
    }
    let root = try TableReader(document, location: "", file: path, allowedKeys: Self.rootKeys)
    var result = ClusterConfigurationFile(path: path)
    try readCluster(root, into: &result)
    try readThresholds(root, into: &result)
    try readServers(root, into: &result)
    try readCatalogue(root, into: &result)
    return result
  }

  private func readCluster(_ root: TableReader, into result: inout ClusterConfigurationFile)
    throws
  {
    guard let cluster = try root.table("cluster", allowedKeys: Self.clusterKeys) else { return }
    if let name = try cluster.string("name") {
      guard !name.isEmpty else { throw cluster.error("name", "must not be empty") }
      result.clusterName = name
    }
    result.defaultTimeZone = try timeZone(cluster, "timezone")
  }

  private func readThresholds(_ root: TableReader, into result: inout ClusterConfigurationFile)
    throws
  {
    guard let thresholds = try root.table("thresholds", allowedKeys: Self.thresholdKeys) else {
      return
    }
    if let value = try positiveDuration(thresholds, "freeze_timeout") {
      result.audit.freezeTimeoutMilliseconds = value
    }
    if let value = try positiveDuration(thresholds, "max_quiesce") {
      result.audit.maxQuiesceMilliseconds = value
    }
    if let value = try thresholds.duration("skew_tolerance") {
      result.audit.skewToleranceMilliseconds = value
    }
    result.audit.rpoMilliseconds = try positiveDuration(thresholds, "rpo")
    if let failOn = try thresholds.string("fail_on") {
      guard let severity = Severity(rawValue: failOn), severity != .unknown else {
        throw thresholds.error("fail_on", "unknown level \(failOn); use warning or critical")
      }
      result.failOn = severity
    }
    if let year = try thresholds.integer("legacy_year") {
      guard Self.legacyYears.contains(year) else {
        throw thresholds.error(
          "legacy_year",
          "year \(year) is out of range; use a four-digit year from "
            + "\(Self.legacyYears.lowerBound) to \(Self.legacyYears.upperBound)")
      }
      result.legacyYear = year
    }
  }

  private func readServers(_ root: TableReader, into result: inout ClusterConfigurationFile)
    throws
  {
    let entries = try root.tables("servers", allowedKeys: Self.serverKeys)
    for entry in entries {
      let name = try entry.requiredString("name")
      guard result.server(named: name) == nil else {
        throw entry.error("name", "server \(name) is listed twice; names must be unique")
      }
      let declaredPath = try entry.string("path") ?? name
      guard !declaredPath.isEmpty else { throw entry.error("path", "must not be empty") }
      let roleName = try entry.string("role") ?? ConfiguredServer.Role.shard.rawValue
      guard let role = ConfiguredServer.Role(rawValue: roleName) else {
        throw entry.error("role", "unknown role \(roleName); use master, shard or restored")
      }
      let restoredFrom = try entry.string("restored_from")
      if restoredFrom != nil, role != .restored {
        throw entry.error("restored_from", "only a server with role = \"restored\" has one")
      }
      result.servers.append(
        ConfiguredServer(
          name: name,
          path: ClusterConfigurationFile.resolve(declaredPath, against: result.folder),
          declaredPath: declaredPath, timeZone: try timeZone(entry, "timezone"), role: role,
          restoredFrom: restoredFrom))
    }
    try checkRestoredSources(entries, result.servers)
    let masters = result.servers.filter { $0.role == .master }
    if masters.count > 1 {
      let index = result.servers.lastIndex { $0.role == .master }!
      throw entries[index].error(
        "role", "a cluster has one master; \(masters.map(\.name).joined(separator: ", ")) are")
    }
    result.audit.members = result.servers.filter(\.isProduction).map(\.name)
    result.audit.restoredServers = Dictionary(
      uniqueKeysWithValues: result.servers.filter { !$0.isProduction }.map {
        ($0.name, $0.restoredFrom)
      })
  }

  /// Every `restored_from` names a master or shard of the file.
  private func checkRestoredSources(_ entries: [TableReader], _ servers: [ConfiguredServer])
    throws
  {
    for (entry, server) in zip(entries, servers) {
      guard let source = server.restoredFrom else { continue }
      let production = servers.filter(\.isProduction).map(\.name)
      guard production.contains(source) else {
        let known = production.isEmpty ? "none is listed" : production.joined(separator: ", ")
        throw entry.error(
          "restored_from",
          "unknown server \(source); name a master or shard of this file (\(known))")
      }
    }
  }

  private func readCatalogue(_ root: TableReader, into result: inout ClusterConfigurationFile)
    throws
  {
    for entry in try root.tables("catalogue", allowedKeys: Self.catalogueKeys) {
      let eventName = try entry.requiredString("event")
      guard let kind = EventKind(rawValue: eventName) else {
        let known = EventKind.allCases.map(\.rawValue).joined(separator: ", ")
        throw entry.error("event", "unknown event \(eventName); use one of \(known)")
      }
      let pattern = try entry.requiredString("pattern")
      do {
        _ = try CompiledPattern(pattern)
      } catch let failure as EventsError {
        guard case .invalidPattern(_, let offset, let reason) = failure else { throw failure }
        throw entry.error("pattern", "does not compile at offset \(offset): \(reason)")
      }
      let literal = try entry.string("literal")
      if literal == "" { throw entry.error("literal", "must not be empty; leave it out instead") }
      let scopeName = try entry.string("scope") ?? CatalogueEntry.Scope.firstLine.rawValue
      guard let scope = CatalogueEntry.Scope(rawValue: scopeName) else {
        throw entry.error("scope", "unknown scope \(scopeName); use first-line or whole-entry")
      }
      result.catalogueAdditions.append(
        CatalogueEntry(kind: kind, pattern: pattern, scope: scope, literal: literal))
      if try entry.boolean("replace") == true { result.replacedEvents.insert(kind) }
    }
  }

  /// An IANA zone name that this machine's time zone database knows.
  private func timeZone(_ table: TableReader, _ key: String) throws -> String? {
    guard let name = try table.string(key) else { return nil }
    guard TimeZone(identifier: name) != nil else {
      throw table.error(key, "unknown time zone \(name); use an IANA name such as Europe/Paris")
    }
    return name
  }

  /// A duration that must be longer than zero (a zero timeout would flag every freeze).
  private func positiveDuration(_ table: TableReader, _ key: String) throws -> Int64? {
    guard let value = try table.duration(key) else { return nil }
    guard value > 0 else { throw table.error(key, "must be longer than zero") }
    return value
  }
}
