import Foundation
import TestSupport
import Testing

/// Issue 15: `watch` run as an operator runs it, against a writer that appends lines with
/// current timestamps. No timed assertions beyond generous upper bounds.
struct WatchCommandTests {
  /// A running `watch`, its standard output going to a file that the test reads as it grows.
  final class Watch {
    let process = Process()
    let outputPath: String

    init(_ arguments: [String], scratch: TemporaryFolder) throws {
      outputPath = try scratch.write("watch.out", text: "")
      let errorPath = try scratch.write("watch.err", text: "")
      process.executableURL = CommandRunner.binary
      process.arguments = ["watch"] + arguments
      process.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
      process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
      process.standardInput = FileHandle.nullDevice
      try process.run()
    }

    /// The JSON objects printed so far.
    var records: [[String: Any]] {
      let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
      return text.split(separator: "\n").compactMap {
        try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
      }
    }

    /// Waits up to `seconds` for a record that satisfies `test`; returns it.
    @discardableResult
    func waitFor(
      within seconds: Double = 10, _ test: ([String: Any]) -> Bool
    ) -> [String: Any]? {
      let deadline = Date().addingTimeInterval(seconds)
      while Date() < deadline {
        if let found = records.first(where: test) { return found }
        Thread.sleep(forTimeInterval: 0.05)
      }
      return nil
    }

    /// SIGTERM, then the exit status (nil if it did not end within 10 s: it is then killed,
    /// so that no test leaves a watch behind).
    func stop() -> Int32? {
      guard process.isRunning else { return process.terminationStatus }
      process.terminate()
      let deadline = Date().addingTimeInterval(10)
      while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.05) }
      guard !process.isRunning else {
        kill(process.processIdentifier, SIGKILL)
        return nil
      }
      return process.terminationStatus
    }
  }

  static func stamp(_ date: Date = Date()) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "MM/dd/yy-HH:mm:ss:SSS"
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.locale = Locale(identifier: "en_US_POSIX")
    return formatter.string(from: date)
  }

  static func append(_ message: String, to path: String, pid: Int = 200) throws {
    let line = "\(stamp()) (\(pid)) 0 [Utility.Event] \(message)\n"
    if !FileManager.default.fileExists(atPath: path) {
      try line.write(toFile: path, atomically: false, encoding: .utf8)
      return
    }
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(line.utf8))
    try handle.close()
  }

  static func type(_ type: String, _ key: String, _ value: String) -> ([String: Any]) -> Bool {
    { $0["type"] as? String == type && $0[key] as? String == value }
  }

  @Test func aBackupWatchedFromStartToEndAcrossARotation() throws {
    let folder = try TemporaryFolder()
    let log = folder.path + "/vm1/messages.log"
    try FileManager.default.createDirectory(
      atPath: folder.path + "/vm1", withIntermediateDirectories: true)
    try Self.append("LMF Info:  Licensed for 16 users.", to: log)
    // A timeout long enough that the thaw, written once the warning is seen, lands before it
    // even in a sanitized build on a busy machine.
    let watch = try Watch(
      [folder.path, "--tz", "UTC", "--freeze-timeout", "20s", "--poll", "100ms",
       "--write", "prometheus=\(folder.path)/watch.prom"], scratch: folder)
    defer { _ = watch.stop() }
    // The first look at the logs writes the textfile: the freeze must come after it, or it is
    // history the watch does not report as news.
    let deadline = Date().addingTimeInterval(30)
    while !FileManager.default.fileExists(atPath: folder.path + "/watch.prom") && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.1)
    }
    try Self.append("Backup.General.ExternalFreeze: Suspending system", to: log)
    try Self.append("Backup.General.ExternalFreeze: System suspended", to: log)
    #expect(watch.waitFor(Self.type("event", "event", "freeze-begin")) != nil)
    let opened = watch.waitFor(Self.type("session", "verdict", "in-progress"))
    #expect(opened != nil, "\(watch.records)")
    // 80 % of 20 s with no new line.
    let warning = watch.waitFor(within: 30, Self.type("finding", "rule", "freeze-near-timeout"))
    #expect(warning != nil, "\(watch.records)")
    let prometheus = try String(contentsOfFile: folder.path + "/watch.prom", encoding: .utf8)
    #expect(prometheus.contains("open_episode_seconds{server=\"vm1\",state=\"frozen\"} "))
    #expect(!prometheus.contains("open_episode_seconds{server=\"vm1\",state=\"frozen\"} 0\n"))
    // IRIS renames the full log and starts a new one; the thaw is in the new one.
    try FileManager.default.moveItem(atPath: log, toPath: folder.path + "/vm1/messages.old_1")
    try Self.append("Backup.General.ExternalThaw: Resuming system", to: log, pid: 201)
    try Self.append("Backup.General.ExternalThaw: System resumed", to: log, pid: 201)
    let closed = watch.waitFor { $0["type"] as? String == "session" && $0["verdict"] as? String != "in-progress" }
    #expect(closed?["verdict"] as? String == "degraded", "\(watch.records)")
    // In order: opened, warned, closed.
    let kinds = watch.records.compactMap { record -> String? in
      switch record["type"] as? String {
      case "session": return record["verdict"] as? String
      case "finding": return record["rule"] as? String
      default: return nil
      }
    }
    #expect(kinds == ["in-progress", "freeze-near-timeout", "degraded"], "\(kinds)")
    #expect(watch.stop() == 0)
  }

  @Test func aTruncatedLogAndAServerThatAppearsLaterAreFollowed() throws {
    let folder = try TemporaryFolder()
    try FileManager.default.createDirectory(
      atPath: folder.path + "/vm1", withIntermediateDirectories: true)
    let log = folder.path + "/vm1/messages.log"
    try Self.append("LMF Info:  Licensed for 16 users.", to: log)
    let watch = try Watch([folder.path, "--tz", "UTC", "--poll", "100ms"], scratch: folder)
    defer { _ = watch.stop() }
    Thread.sleep(forTimeInterval: 0.5)
    // Truncated and written again from the start.
    try "".write(toFile: log, atomically: false, encoding: .utf8)
    try Self.append("Backup.General.ExternalFreeze: Suspending system", to: log)
    #expect(watch.waitFor(Self.type("event", "server", "vm1")) != nil, "\(watch.records)")
    // A second server's folder appears.
    try FileManager.default.createDirectory(
      atPath: folder.path + "/vm2", withIntermediateDirectories: true)
    try Self.append("Backup.General.ExternalFreeze: Suspending system", to: folder.path + "/vm2/messages.log")
    #expect(watch.waitFor(Self.type("event", "server", "vm2")) != nil, "\(watch.records)")
    #expect(watch.stop() == 0)
  }

  @Test func badOptionsAreUsageErrors() throws {
    let folder = try TemporaryFolder()
    try folder.write("vm1/messages.log", text: "\(Self.stamp()) (1) 0 [A.B] x\n")
    for arguments in [["--format", "html"], ["--write", "json=x"], ["--poll", "0s"]] {
      let run = try CommandRunner.run(["watch", folder.path] + arguments)
      #expect(run.status == 3, "\(arguments): \(run.standardError)")
      #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
    }
  }
}
