/// What a log line may be wrapped in on its way from IRIS to the file read (SPEC §3.1): the
/// transport that carried it, and whether `iris-main` prefixed it first.
///
/// A Kubernetes pod's CRI file holds `iris-main`'s output, so the two nest: `2021-08-11T…Z stdout
/// F [INFO] log: 08/11/21-05:49:43:233 (18374) 0 …` is CRI around the `iris-main` prefix around
/// the IRIS line. The transport's own time is when the line was carried, never the entry's time.
public struct Envelope: Hashable, Sendable, Codable, CustomStringConvertible {
  /// How the line travelled.
  public enum Transport: String, CaseIterable, Sendable, Codable {
    /// No transport: the line as IRIS wrote it (or as `iris-main` printed it).
    case none
    /// `docker compose logs`: `data-shard1  | …`, the service's name first.
    case compose
    /// The CRI log file of containerd and CRI-O: `<RFC 3339> stdout F …` (`P` for a part).
    case cri
    /// Docker's json-file driver: `{"log":"…\n","stream":"stdout","time":"…"}`.
    case dockerJSON = "docker-json"
    /// A syslog file in rsyslog's traditional (`Aug 11 05:49:43 host tag: …`) or precise
    /// (`2021-08-11T05:49:43.233512+00:00 host tag: …`) format, or RFC 3164 on the wire.
    case syslog
    /// RFC 5424: `<14>1 2021-08-11T05:49:43.233Z host app - - - …`.
    case syslog5424 = "syslog-5424"

    /// True when the transport names the server of each line (compose's service, syslog's
    /// host), so that one file can hold several servers.
    public var namesServers: Bool {
      switch self {
      case .compose, .syslog, .syslog5424: true
      case .none, .cri, .dockerJSON: false
      }
    }
  }

  public var transport: Transport
  /// True when the log lines carry `iris-main`'s `[INFO] log: ` prefix inside the transport;
  /// the other lines of such a stream are the container's own output, not the log.
  public var hasIRISMainPrefix: Bool

  /// A plain `messages.log`.
  public static let plain = Envelope(transport: .none, hasIRISMainPrefix: false)

  /// Creates an envelope.
  public init(transport: Transport, hasIRISMainPrefix: Bool) {
    self.transport = transport
    self.hasIRISMainPrefix = hasIRISMainPrefix
  }

  /// Reads the `--envelope` names: `plain`, `iris-main`, `compose`, `cri`, `docker-json`,
  /// `syslog`, `syslog-5424`, and a transport with `+iris-main` (`cri+iris-main`).
  public init?(name: String) {
    var transportName = Substring(name)
    var prefixed = false
    if transportName.hasSuffix("+iris-main") {
      transportName = transportName.dropLast("+iris-main".count)
      prefixed = true
    }
    switch transportName {
    case "plain" where !prefixed: self = .plain
    case "iris-main" where !prefixed: self.init(transport: .none, hasIRISMainPrefix: true)
    default:
      guard let transport = Transport(rawValue: String(transportName)), transport != .none
      else { return nil }
      self.init(transport: transport, hasIRISMainPrefix: prefixed)
    }
  }

  /// The name `init(name:)` reads: `plain`, `iris-main`, `cri+iris-main`, …
  public var description: String {
    switch (transport, hasIRISMainPrefix) {
    case (.none, false): "plain"
    case (.none, true): "iris-main"
    case (_, false): transport.rawValue
    case (_, true): transport.rawValue + "+iris-main"
    }
  }

  /// Every name `init(name:)` reads, for help texts and messages.
  public static let names: [String] =
    ["plain", "iris-main"]
    + Transport.allCases.filter { $0 != .none }.flatMap { [$0.rawValue, $0.rawValue + "+iris-main"] }
}
