import Foundation
import TestSupport
import Testing

/// `Samples/watch/iris-backup-watch.service`: the systemd unit that runs `watch`.
struct WatchServiceTests {
  static let sample = "watch/iris-backup-watch.service"

  @Test func serviceIsSimpleAndRunsWatchWithItsTextfile() throws {
    let service = try ScheduleTests.settings(Self.sample)
    #expect(service["Type"] == ["simple"])
    #expect(service["KillSignal"] == ["SIGTERM"])
    #expect(service["Restart"] == ["on-failure"])
    let command = try #require(service["ExecStart"]?.first).split(separator: " ").map(String.init)
    #expect(command.first == "/usr/local/bin/iris-backup-audit")
    #expect(command.dropFirst().first == "watch")
    #expect(command.contains("--write") && command.contains("prometheus=${TEXTFILE}"))
    #expect(service["WantedBy"] == ["multi-user.target"])
  }

  /// The unit's command line, with its variables set, is one `watch` accepts: it starts and
  /// ends on SIGTERM with exit status 0.
  @Test func theCommandLineItRunsStartsAndStopsCleanly() throws {
    let folder = try TemporaryFolder()
    try folder.write("vm1/messages.log", text: "08/11/21-05:00:00:000 (1) 0 [A.B] hello\n")
    let service = try ScheduleTests.settings(Self.sample)
    let command = try #require(service["ExecStart"]?.first)
      .replacingOccurrences(of: "${CLUSTER_DIR}", with: folder.path)
      .replacingOccurrences(of: "${FREEZE_TIMEOUT}", with: "600s")
      .replacingOccurrences(of: "${TEXTFILE}", with: folder.path + "/watch.prom")
      .split(separator: " ").map(String.init)
    let binary = try #require(ScriptRunner.auditBinary)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: binary)
    process.arguments = Array(command.dropFirst())
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(10)
    while !FileManager.default.fileExists(atPath: folder.path + "/watch.prom") && Date() < deadline {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(FileManager.default.fileExists(atPath: folder.path + "/watch.prom"))
    process.terminate()
    while process.isRunning && Date() < deadline.addingTimeInterval(10) {
      Thread.sleep(forTimeInterval: 0.05)
    }
    #expect(!process.isRunning)
    #expect(process.terminationStatus == 0)
  }

  @Test(
    .enabled(
      if: ScriptRunner.onPath("systemd-analyze") != nil, "systemd-analyze is not on PATH"))
  func unitPassesSystemdAnalyzeVerify() throws {
    let folder = try TemporaryFolder()
    let binary = try #require(ScriptRunner.auditBinary)
    let service = try String(contentsOfFile: ScriptRunner.sample(Self.sample), encoding: .utf8)
      .replacingOccurrences(of: "/usr/local/bin/iris-backup-audit", with: binary)
    let path = try folder.write("iris-backup-watch.service", text: service)
    let run = try ScriptRunner.run(
      try #require(ScriptRunner.onPath("systemd-analyze")), ["verify", path],
      environment: [:], scratch: folder.path)
    #expect(run.status == 0, "\(run.standardError)")
  }
}
