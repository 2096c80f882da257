import BackupAudit
import BackupEvents
import Foundation

/// A cluster's configuration file (TOML): its servers with paths, zones and roles, the audit's
/// thresholds, and additions to the message catalogue for other IRIS versions' wording.
///
/// Command-line flags override what it says; what it does not say keeps SPEC §5's defaults.
/// `ClusterConfigurationFile.load(path:)` reads and validates it; every problem is one
/// `ConfigurationError` that names the file and the key.
public struct ClusterConfigurationFile: Sendable, Equatable {
  /// The file as the user named it (relative paths stay relative).
  public var path: String
  /// `[cluster] name`, when given.
  public var clusterName: String?
  /// `[cluster] timezone`: the IANA zone of servers that name none; nil: the caller's default
  /// (`--tz`, then the machine's zone).
  public var defaultTimeZone: String?
  /// The `[[servers]]` entries in file order; names are unique.
  public var servers: [ConfiguredServer]
  /// The thresholds, members (the master and shards) and restored copies.
  public var audit: AuditConfiguration
  /// The least severity that makes the exit status non-zero: `.warning` or `.critical`.
  public var failOn: Severity
  /// The year of the first entry of year-less (legacy) logs.
  public var legacyYear: Int?
  /// The `[[catalogue]]` entries in file order, tried before the built-in ones.
  public var catalogueAdditions: [CatalogueEntry]
  /// The events whose built-in patterns a `replace = true` entry drops.
  public var replacedEvents: Set<EventKind>

  /// An empty configuration at `path`: no servers, default thresholds.
  public init(path: String) {
    self.path = path
    servers = []
    audit = AuditConfiguration()
    failOn = .warning
    catalogueAdditions = []
    replacedEvents = []
  }

  /// Reads and validates the file at `path`.
  public static func load(path: String) throws -> ClusterConfigurationFile {
    let data: Data
    var isFolder: ObjCBool = false
    if path.isEmpty {
      throw ConfigurationError(reason: "the configuration file's path is empty")
    }
    if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
      throw ConfigurationError(
        file: path, reason: "is a folder, not a configuration file (its cluster.toml?)")
    }
    do {
      data = try Data(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw ConfigurationError(file: path, reason: "cannot read the file: \(reason(for: error))")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw ConfigurationError(file: path, reason: "the file is not UTF-8 text")
    }
    return try parse(text, path: path)
  }

  /// Validates `text` as the contents of the file at `path`; server paths are resolved
  /// against `path`'s folder.
  public static func parse(_ text: String, path: String) throws -> ClusterConfigurationFile {
    try ConfigurationParser(path: path).parse(text)
  }

  /// The zone `server`'s logs were written in: its own, else the cluster's default.
  public func timeZone(of server: ConfiguredServer) -> String? {
    server.timeZone ?? defaultTimeZone
  }

  /// `base` with this file's catalogue additions tried first and its replaced events dropped.
  public func catalogue(base: MessageCatalogue = .standard) -> MessageCatalogue {
    base.merged(with: catalogueAdditions, replacing: replacedEvents)
  }

  /// The server named `name`, if the file lists it.
  public func server(named name: String) -> ConfiguredServer? {
    servers.first { $0.name == name }
  }

  /// The folder server paths are resolved against: `path`'s folder, `""` for the current one.
  public var folder: String {
    guard let slash = path.lastIndex(of: "/") else { return "" }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  /// `declared` resolved against `folder`, lexically (`.` and `..` folded, nothing made
  /// absolute), so that reports name inputs the way the user does.
  static func resolve(_ declared: String, against folder: String) -> String {
    let joined = declared.hasPrefix("/") || folder.isEmpty ? declared : folder + "/" + declared
    let isAbsolute = joined.hasPrefix("/")
    var parts: [Substring] = []
    for part in joined.split(separator: "/") where part != "." {
      if part == "..", let last = parts.last, last != ".." {
        parts.removeLast()
      } else if part == "..", isAbsolute {
        continue
      } else {
        parts.append(part)
      }
    }
    let body = parts.joined(separator: "/")
    if isAbsolute { return "/" + body }
    return body.isEmpty ? "." : body
  }

  private static func reason(for error: Error) -> String {
    let cocoa = error as NSError
    if let posix = cocoa.userInfo[NSUnderlyingErrorKey] as? NSError,
      posix.domain == NSPOSIXErrorDomain, let message = strerror(Int32(posix.code))
    {
      return String(cString: message).lowercased()
    }
    switch cocoa.code {
    case NSFileReadNoSuchFileError: return "no such file"
    case NSFileReadNoPermissionError: return "permission denied"
    default: return cocoa.localizedDescription.lowercased()
    }
  }
}
