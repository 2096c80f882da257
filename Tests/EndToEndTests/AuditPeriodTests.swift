import Foundation
import TestSupport
import Testing

/// `--since` and `--until`: a time, a date, or (for `--since`) a duration back from now.
struct AuditPeriodTests {
  /// An IRIS timestamp (UTC) `hoursAgo` hours before now.
  static func timestamp(hoursAgo: Double, plusSeconds seconds: Double = 0) -> String {
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.dateFormat = "MM/dd/yy-HH:mm:ss:SSS"
    return formatter.string(from: Date(timeIntervalSinceNow: -hoursAgo * 3600 + seconds))
  }

  /// An "Already resumed" freeze two days ago, and a clean freeze an hour ago.
  static func log() -> String {
    func line(_ hoursAgo: Double, _ seconds: Double, _ pid: Int, _ message: String) -> String {
      "\(timestamp(hoursAgo: hoursAgo, plusSeconds: seconds)) (\(pid)) 0 [Utility.Event] "
        + "Backup.General.\(message)"
    }
    return [
      line(48, 0, 1, "ExternalFreeze: Suspending system"),
      line(48, 1, 1, "ExternalFreeze: System suspended"),
      line(48, 601, 2, "ExternalThaw: Resuming system"),
      line(48, 601.1, 2, "ExternalThaw: Already resumed"),
      line(1, 0, 3, "ExternalFreeze: Suspending system"),
      line(1, 1, 3, "ExternalFreeze: System suspended"),
      line(1, 30, 4, "ExternalThaw: Resuming system"),
      line(1, 30.1, 4, "ExternalThaw: System resumed"),
    ].joined(separator: "\n") + "\n"
  }

  @Test func sinceADurationAuditsOnlyThatLongBack() throws {
    let folder = try TemporaryFolder()
    try folder.write("vm1/messages.log", text: Self.log())
    let path = folder.path + "/vm1"
    #expect(try CommandRunner.run(["audit", path, "--tz", "UTC"]).status == 2)
    let recent = try CommandRunner.run(["audit", path, "--tz", "UTC", "--since", "26h"])
    #expect(recent.status == 0, "\(recent.standardOutput)")
    #expect(try CommandRunner.run(["audit", path, "--tz", "UTC", "--since", "3d"]).status == 2)
  }

  @Test func sinceAndUntilTakeTimesAndDates() throws {
    let folder = try TemporaryFolder()
    try folder.write("vm1/messages.log", text: Self.log())
    let path = folder.path + "/vm1"
    let formatter = ISO8601DateFormatter()
    let dayAgo = formatter.string(from: Date(timeIntervalSinceNow: -24 * 3600))
    #expect(try CommandRunner.run(["audit", path, "--tz", "UTC", "--since", dayAgo]).status == 0)
    let result = try CommandRunner.run(["audit", path, "--tz", "UTC", "--until", dayAgo])
    // Only the Already-resumed freeze, and the log goes on past --until: critical.
    #expect(result.status == 2, "\(result.standardOutput)")
    #expect(try CommandRunner.run(["audit", path, "--since", "yesterday"]).status == 3)
  }
}
