/// One `[[servers]]` entry of the configuration file: a data server, where its logs are,
/// which zone they were written in, and what it is.
public struct ConfiguredServer: Sendable, Equatable, Codable {
  /// What a server is in the cluster; restored copies are not audited as production (SPEC §4).
  public enum Role: String, Sendable, Equatable, Codable, CaseIterable {
    /// The master data server.
    case master
    /// A shard data server.
    case shard
    /// An instance started from a snapshot of a production server (a restore test).
    case restored
  }

  /// The server's name, unique in the file; findings and reports use it.
  public var name: String
  /// The log file or folder, resolved against the configuration file's folder (kept relative
  /// when the configuration file's path is relative, so reports stay the same on every machine).
  public var path: String
  /// The path as written in the file (defaults to the server's name), for writing it back.
  public var declaredPath: String
  /// The IANA zone the server's logs are written in; nil: the cluster's default zone.
  public var timeZone: String?
  /// What the server is; restored copies are linked to sessions, not audited.
  public var role: Role
  /// For a restored copy: the production server whose snapshot it was, when known.
  /// Invariant: nil unless `role == .restored`, and then the name of a master or shard.
  public var restoredFrom: String?

  /// Creates a server entry.
  public init(
    name: String, path: String, declaredPath: String? = nil, timeZone: String? = nil,
    role: Role = .shard, restoredFrom: String? = nil
  ) {
    self.name = name
    self.path = path
    self.declaredPath = declaredPath ?? path
    self.timeZone = timeZone
    self.role = role
    self.restoredFrom = restoredFrom
  }

  /// True for the master and the shards: the members every cluster session must include.
  public var isProduction: Bool { role != .restored }
}
