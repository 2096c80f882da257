import Foundation
import TestSupport
import Testing

/// Issue 16: a simulated cluster shipped through a real rsyslog pipeline, as
/// `Samples/syslog/` configures it — one `rsyslogd` per server reading its `messages.log` with
/// imfile and forwarding over TCP on 127.0.0.1 to a central `rsyslogd` (imtcp) that keeps one
/// `messages.log` per host — and the central archive audited in place: the same sessions and
/// findings as the original logs. Every daemon runs in the foreground with its own
/// configuration and work folder in a temporary folder, and is stopped at the end.
@Suite(.serialized) struct RsyslogPipelineTests {
  static let daemon = "/usr/sbin/rsyslogd"

  /// A running `rsyslogd`, stopped when released.
  final class Daemon {
    let process = Process()
    let log: String

    init(configuration: String, folder: String) throws {
      try FileManager.default.createDirectory(atPath: folder + "/work", withIntermediateDirectories: true)
      try configuration.write(toFile: folder + "/rsyslog.conf", atomically: false, encoding: .utf8)
      log = folder + "/rsyslogd.out"
      FileManager.default.createFile(atPath: log, contents: nil)
      let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
      process.executableURL = URL(fileURLWithPath: RsyslogPipelineTests.daemon)
      process.arguments = ["-n", "-f", folder + "/rsyslog.conf", "-i", folder + "/rsyslogd.pid"]
      process.standardOutput = output
      process.standardError = output
      try process.run()
    }

    var output: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }

    /// Stops the daemon. With SIGKILL: it inherits the test process's signal mask, in which
    /// SIGTERM is blocked, and what it wrote is on disk already.
    func stop() {
      guard process.isRunning else { return }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }

    deinit {
      stop()
    }
  }

  /// `text` with each `(old, new)` replaced; the sample must hold every `old`.
  static func substitute(_ text: String, _ replacements: [(String, String)]) throws -> String {
    var result = text
    for (old, new) in replacements {
      #expect(result.contains(old), "the sample configuration no longer holds \(old)")
      result = result.replacingOccurrences(of: old, with: new)
    }
    return result
  }

  /// Waits until `condition` holds or `seconds` pass.
  static func wait(seconds: Double, _ condition: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      Thread.sleep(forTimeInterval: 0.2)
    }
    return condition()
  }

  /// The lines of `path` that are not empty (imfile ships no empty line).
  static func lineCount(_ path: String) -> Int {
    guard let data = FileManager.default.contents(atPath: path) else { return 0 }
    return data.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress else { return 0 }
      var count = 0
      var start = 0
      while start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start) {
        let newline = base.distance(to: UnsafeRawPointer(found))
        if newline > start { count += 1 }
        start = newline + 1
      }
      return count
    }
  }

  @Test func theCentralArchiveGivesTheFindingsOfTheOriginalLogs() throws {
    try #require(
      FileManager.default.isExecutableFile(atPath: Self.daemon),
      "rsyslog is not installed: make deps installs it")
    let folder = try TemporaryFolder()
    // The faulty month without rotation: imfile follows the live messages.log.
    let arguments = try EnvelopeTests.faultyMonth
    var unrotated: [String] = []
    var index = arguments.startIndex
    while index < arguments.endIndex {
      if arguments[index] == "--rotate-bytes" {
        index += 2
        continue
      }
      if arguments[index] != "--gzip-rotated" { unrotated.append(arguments[index]) }
      index += 1
    }
    let cluster = folder.path + "/cluster"
    let simulated = try CommandRunner.run(["simulate", cluster] + unrotated)
    try #require(simulated.status == 0, "\(simulated.standardError)")
    let servers = try FileManager.default.contentsOfDirectory(atPath: cluster)
      .filter { FileManager.default.fileExists(atPath: cluster + "/" + $0 + "/messages.log") }.sorted()
    try #require(servers.count == 5)

    let samples = EventReading.packagePath("Samples/syslog")
    let archive = folder.path + "/archive"
    let portFile = folder.path + "/central/port"
    let central = try Daemon(
      configuration: """
        global(workDirectory="\(folder.path)/central/work" maxMessageSize="64k")
        \(try Self.substitute(
          String(contentsOfFile: samples + "/iris-central.conf", encoding: .utf8),
          [("/var/log/iris", archive),
           (#"port="514""#, #"port="0" address="127.0.0.1" listenPortFileName="\#(portFile)""#)]))
        """, folder: folder.path + "/central")
    var shippers: [Daemon] = []
    defer {
      for daemon in shippers + [central] { daemon.stop() }
    }
    try #require(
      Self.wait(seconds: 20) { !((try? String(contentsOfFile: portFile, encoding: .utf8)) ?? "").isEmpty },
      "the central rsyslogd did not start: \(central.output)")
    let port = try String(contentsOfFile: portFile, encoding: .utf8)
      .trimmingCharacters(in: .whitespacesAndNewlines)

    let forward = try String(contentsOfFile: samples + "/iris-forward.conf", encoding: .utf8)
    for server in servers {
      let home = folder.path + "/" + server
      shippers.append(
        try Daemon(
          configuration: """
            global(workDirectory="\(home)/work" localHostname="\(server)" maxMessageSize="64k")
            \(try Self.substitute(
              forward,
              [("/usr/irissys/mgr/messages.log", cluster + "/" + server + "/messages.log"),
               (#"Target="logs.example.net""#, #"Target="127.0.0.1""#),
               (#"Port="514""#, #"Port="\#(port)""#)]))
            """, folder: home))
    }
    let expected = servers.map { Self.lineCount(cluster + "/" + $0 + "/messages.log") }
    let arrived = Self.wait(seconds: 120) {
      zip(servers, expected).allSatisfy { server, lines in
        Self.lineCount(archive + "/" + server + "/messages.log") >= lines
      }
    }
    let counts = servers.map { Self.lineCount(archive + "/" + $0 + "/messages.log") }
    try #require(
      arrived,
      "lines arrived \(counts) of \(expected): \(central.output) \(shippers.map(\.output))")
    for daemon in shippers + [central] { daemon.stop() }

    let first = try String(contentsOfFile: archive + "/master/messages.log", encoding: .utf8)
      .prefix { $0 != "\n" }
    #expect(first.contains(" master iris: "), "rsyslog's traditional format: \(first)")
    let original = try CommandRunner.run(["audit", cluster] + EnvelopeTests.reportTime)
    let shipped = try CommandRunner.run(
      ["audit", archive, "--config", cluster + "/cluster.toml"] + EnvelopeTests.reportTime)
    let expectedEssence = try EnvelopeTests.essence(original)
    #expect(expectedEssence.count > 60)
    #expect(try EnvelopeTests.essence(shipped) == expectedEssence)
  }
}
