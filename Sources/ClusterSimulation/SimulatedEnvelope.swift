import Foundation

/// The envelopes `simulate --envelope` writes a cluster's logs in (SPEC §3.1), as containers,
/// Kubernetes, Docker and log shippers write them; written here from the envelopes' own
/// descriptions, apart from the reader's code.
///
/// The transport's own time is an arrival clock that starts at the simulation's first midnight
/// and advances 997 ms a line: deliberately not the entries' times, so that an audit that read
/// it instead of the IRIS timestamp would fail.
public enum SimulatedEnvelope: String, CaseIterable, Sendable {
  case plain
  /// `kubectl logs`: `iris-main`'s `[INFO] log: ` before each line, its own lines around them.
  case irisMain = "iris-main"
  /// `docker compose logs`: every server in one stream, `name  | line`.
  case compose
  /// A pod's CRI file: `<RFC 3339> stdout F line`, long lines in `P` parts.
  case cri
  /// A pod's CRI file holding `iris-main`'s output.
  case criIRISMain = "cri+iris-main"
  /// Docker's json-file driver, long lines split in records without a newline.
  case dockerJSON = "docker-json"
  /// Docker's json-file driver holding `iris-main`'s output.
  case dockerJSONIRISMain = "docker-json+iris-main"
  /// rsyslog's traditional file format, every server in one archive, named by host.
  case syslog
  /// RFC 5424, every server in one archive.
  case syslog5424 = "syslog-5424"

  /// True when every server's lines go into one file (`cluster.log`), named by the transport.
  public var isCombined: Bool {
    switch self {
    case .compose, .syslog, .syslog5424: true
    default: false
    }
  }

  var hasIRISMainPrefix: Bool { self == .irisMain || self == .criIRISMain || self == .dockerJSONIRISMain }

  /// What `iris-main` prints of its own before the log starts.
  static let containerPreamble = [
    "[INFO] Starting InterSystems IRIS instance IRIS...",
    "[INFO] Starting Control Process",
    "Global buffer setting requires attention.  Auto-selected 25% of total memory.",
    "Allocated 1545MB shared memory",
    "[INFO] ...started InterSystems IRIS instance IRIS",
    "[INFO] Executing command /docker-entrypoint.sh iris-main...",
  ]

  /// Rewrites one server's log files (in reading order) in this envelope, in place.
  func wrapServerFiles(_ paths: [String], start: Int64) throws(SimulationError) {
    var clock = ArrivalClock(start: start)
    for (index, path) in paths.enumerated() {
      var lines = try Self.lines(of: path)
      if hasIRISMainPrefix {
        lines = lines.map { "[INFO] log: " + $0 }
        if index == 0 { lines = Self.containerPreamble + lines }
      }
      var output = ""
      for line in lines { output += wrap(line, server: nil, clock: &clock) }
      try Self.save(output, to: path)
    }
  }

  /// Writes every server's lines into `path`, interleaved a few lines at a time so that a
  /// server's multi-line entries have other servers' lines between their lines, and removes
  /// the servers' own files.
  func writeCombined(
    _ servers: [(name: String, files: [String])], to path: String, start: Int64, seed: UInt64
  ) throws(SimulationError) {
    var pending: [(name: String, lines: ArraySlice<String>)] = []
    for server in servers {
      var lines: [String] = []
      for file in server.files { lines += try Self.lines(of: file) }
      pending.append((server.name, lines[...]))
    }
    let width = servers.map(\.name.count).max() ?? 0
    var rng = SplitMix64(seed: seed ^ 0x656E_7665_6C6F_7065)
    var clock = ArrivalClock(start: start)
    var output = ""
    while pending.contains(where: { !$0.lines.isEmpty }) {
      for index in pending.indices where !pending[index].lines.isEmpty {
        let take = 1 + Int(rng.below(3))
        for line in pending[index].lines.prefix(take) {
          let name = pending[index].name
          output += wrap(line, server: name.padding(toLength: width, withPad: " ", startingAt: 0), clock: &clock)
        }
        pending[index].lines = pending[index].lines.dropFirst(take)
      }
    }
    try Self.save(output, to: path)
    for server in servers {
      for file in server.files { try? FileManager.default.removeItem(atPath: file) }
    }
  }

  /// One line of the log in this envelope, with its terminator (several for a line in parts).
  private func wrap(_ line: String, server: String?, clock: inout ArrivalClock) -> String {
    let name = server.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
    switch self {
    case .plain: return line + "\n"
    case .irisMain: return line + "\n"
    case .compose: return "\(server ?? name)  | \(line)\n"
    case .cri, .criIRISMain:
      let parts = Self.parts(of: line, size: 80)
      return parts.enumerated().map { index, part in
        "\(clock.next().rfc3339Nanoseconds) stdout \(index == parts.count - 1 ? "F" : "P") \(part)\n"
      }.joined()
    case .dockerJSON, .dockerJSONIRISMain:
      let parts = Self.parts(of: line, size: 100)
      return parts.enumerated().map { index, part in
        let text = Self.jsonEscaped(part) + (index == parts.count - 1 ? "\\n" : "")
        return "{\"log\":\"\(text)\",\"stream\":\"stdout\",\"time\":\"\(clock.next().rfc3339Nanoseconds)\"}\n"
      }.joined()
    case .syslog: return "\(clock.next().traditionalSyslog) \(name) iris: \(line)\n"
    case .syslog5424: return "<134>1 \(clock.next().rfc3339Microseconds) \(name) iris - - - \(line)\n"
    }
  }

  /// `line` cut into parts of at most `size` characters (one empty part for an empty line).
  private static func parts(of line: String, size: Int) -> [String] {
    guard line.count > size else { return [line] }
    var parts: [String] = []
    var rest = Substring(line)
    while !rest.isEmpty {
      parts.append(String(rest.prefix(size)))
      rest = rest.dropFirst(size)
    }
    return parts
  }

  /// JSON string escaping as Docker's Go encoder writes it: quotes, backslashes and control
  /// characters, and `<`, `>`, `&` as `\u00XX`.
  private static func jsonEscaped(_ text: String) -> String {
    var output = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": output += "\\\""
      case "\\": output += "\\\\"
      case "\t": output += "\\t"
      case "<", ">", "&": output += String(format: "\\u%04x", scalar.value)
      case _ where scalar.value < 0x20: output += String(format: "\\u%04x", scalar.value)
      default: output.unicodeScalars.append(scalar)
      }
    }
    return output
  }

  private static func lines(of path: String) throws(SimulationError) -> [String] {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw .cannotWrite(path: path, reason: "cannot read it back to wrap it")
    }
    var lines = String(decoding: data, as: UTF8.self).components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    return lines
  }

  private static func save(_ text: String, to path: String) throws(SimulationError) {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw .cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}

/// The transport's arrival clock: milliseconds since the epoch, 997 ms a line.
struct ArrivalClock {
  private var milliseconds: Int64

  init(start: Int64) {
    milliseconds = start
  }

  mutating func next() -> ArrivalTime {
    defer { milliseconds += 997 }
    return ArrivalTime(milliseconds: milliseconds)
  }
}

/// One arrival instant, in the transports' formats.
struct ArrivalTime {
  let milliseconds: Int64

  private var parts: (date: CivilDate, hour: Int, minute: Int, second: Int, millisecond: Int) {
    let days = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
    let day = Int(days.quotient)
    let inDay = Int(days.remainder)
    return (
      CivilDate(daysSinceEpoch: day), inDay / 3_600_000, inDay / 60_000 % 60, inDay / 1000 % 60,
      inDay % 1000
    )
  }

  private var clock: String {
    let p = parts
    return String(format: "%02d:%02d:%02d", p.hour, p.minute, p.second)
  }

  /// `2021-08-11T05:49:43.233000000Z`.
  var rfc3339Nanoseconds: String {
    "\(parts.date.isoText)T\(clock).\(String(format: "%03d", parts.millisecond))000000Z"
  }

  /// `2021-08-11T05:49:43.233000Z`.
  var rfc3339Microseconds: String {
    "\(parts.date.isoText)T\(clock).\(String(format: "%03d", parts.millisecond))000Z"
  }

  /// `Aug 11 05:49:43`, the day space-padded.
  var traditionalSyslog: String {
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    let date = parts.date
    return "\(names[date.month - 1]) \(String(format: "%2d", date.day)) \(clock)"
  }
}
