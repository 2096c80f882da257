import Foundation
import TestSupport
import Testing

/// The cron line and the systemd service and timer that run `daily-audit.sh`.
struct ScheduleTests {
  static let installedScript = "/usr/local/lib/iris-backup-audit/daily-audit.sh"

  /// The `key=value` settings of a unit file, by key, in order.
  static func settings(_ sample: String) throws -> [String: [String]] {
    let text = try String(contentsOfFile: ScriptRunner.sample(sample), encoding: .utf8)
    var settings: [String: [String]] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") && line.contains("=") {
      let parts = line.split(separator: "=", maxSplits: 1).map(String.init)
      settings[parts[0], default: []].append(parts.count > 1 ? parts[1] : "")
    }
    return settings
  }

  @Test func serviceIsOneshotRunningTheScript() throws {
    let service = try Self.settings("cron/iris-backup-audit.service")
    #expect(service["Type"] == ["oneshot"])
    #expect(service["ExecStart"] == [Self.installedScript])
  }

  @Test func timerIsDailyAndPersistent() throws {
    let timer = try Self.settings("cron/iris-backup-audit.timer")
    #expect(timer["Persistent"] == ["true"])
    #expect(timer["OnCalendar"]?.count == 1)
    #expect(timer["WantedBy"] == ["timers.target"])
  }

  @Test func crontabRunsTheScriptOnceADay() throws {
    let text = try String(contentsOfFile: ScriptRunner.sample("cron/crontab"), encoding: .utf8)
    let jobs = text.split(separator: "\n").filter { line in
      guard let first = line.first else { return false }
      return first.isNumber || first == "*"
    }
    #expect(jobs.count == 1)
    let fields = try #require(jobs.first).split(separator: " ").map(String.init)
    // minute hour day-of-month month day-of-week user command
    #expect(fields.count == 7)
    #expect(Int(fields[0]) != nil && Int(fields[1]) != nil)
    #expect(fields[2...4] == ["*", "*", "*"])
    #expect(fields[6] == Self.installedScript)
  }

  @Test(
    .enabled(
      if: ScriptRunner.onPath("systemd-analyze") != nil, "systemd-analyze is not on PATH"))
  func unitsPassSystemdAnalyzeVerify() throws {
    let folder = try TemporaryFolder()
    // The installed path does not exist here: point ExecStart at the sample.
    let service = try String(
      contentsOfFile: ScriptRunner.sample("cron/iris-backup-audit.service"), encoding: .utf8
    ).replacingOccurrences(
      of: Self.installedScript, with: ScriptRunner.sample("cron/daily-audit.sh"))
    let servicePath = try folder.write("iris-backup-audit.service", text: service)
    let timerPath = try folder.write(
      "iris-backup-audit.timer",
      text: try String(
        contentsOfFile: ScriptRunner.sample("cron/iris-backup-audit.timer"), encoding: .utf8))
    let run = try ScriptRunner.run(
      try #require(ScriptRunner.onPath("systemd-analyze")), ["verify", servicePath, timerPath],
      environment: [:], scratch: folder.path)
    #expect(run.status == 0)
    #expect(run.standardOutput.isEmpty && run.standardError.isEmpty, "\(run.standardError)")
  }
}
