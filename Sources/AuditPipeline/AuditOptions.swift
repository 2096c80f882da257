/// What the user asked for, as typed: the flags of `audit`, `events` and `watch`, unparsed.
///
/// `AuditRequest(_:now:)` resolves them with the configuration file and the defaults, in one
/// place, so that every subcommand reads the same servers in the same zones.
public struct AuditOptions: Sendable, Equatable {
  /// Log files, server folders or cluster folders; `-` is standard input.
  public var paths: [String] = []
  /// `--events FILE…`: the JSON Lines of `events` to audit instead of logs (`-` standard input).
  public var events: [String] = []
  /// Servers named explicitly, as `NAME=PATH`.
  public var servers: [String] = []
  /// `--tz`: the zone of every server.
  public var timeZone: String?
  /// `--legacy-year`.
  public var legacyYear: Int?
  /// `--envelope`: the envelope of every file; nil detects it per file.
  public var envelope: String?
  /// `--config`; nil: the `cluster.toml` of a single cluster folder, if it has one.
  public var configurationPath: String?
  /// `--format` (standard output).
  public var format: String?
  /// `--write FORMAT=PATH`, in order.
  public var writes: [String] = []
  /// `--fail-on`.
  public var failOn: String?
  public var since: String?
  public var until: String?
  public var freezeTimeout: String?
  public var maxQuiesce: String?
  public var skewTolerance: String?
  public var rpo: String?
  /// `--restored NAME`, repeatable (a repeat is harmless).
  public var restored: [String] = []
  /// `--report-time`.
  public var reportTime: String?
  /// `--last`: only the most recent session.
  public var isLastOnly = false
  /// `--wait D` (with `--last`).
  public var wait: String?
  /// `--detail`: `findings` or `all`.
  public var detail: String?
  /// `--ledger FILE`: the evidence ledger a run is recorded in (`audit`) or read from (`report`).
  public var ledger: String?
  /// `report --ledger`: the ledger's events and inputs stand for the logs.
  public var readsLedger = false

  /// No options: every default.
  public init() {}
}
