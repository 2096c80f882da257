import Foundation
import TestSupport
import Testing

/// `audit --last --wait D` (SPEC §6): while the last session is in progress, the logs are read
/// again as they grow, and the verdict waits for the backup's end.
struct AuditLastWaitTests {
  /// `MM/DD/YY-HH:MM:SS:mmm` of `date` in UTC.
  static func stamp(_ date: Date) -> String {
    let formatter = DateFormatter()
    formatter.dateFormat = "MM/dd/yy-HH:mm:ss:SSS"
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.locale = Locale(identifier: "en_US_POSIX")
    return formatter.string(from: date)
  }

  /// A freeze that began 20 s ago, thawed just now but not yet confirmed.
  static func runningFreeze() throws -> (TemporaryFolder, String) {
    let folder = try TemporaryFolder()
    let now = Date()
    let lines = [
      "\(stamp(now - 20)) (200) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system",
      "\(stamp(now - 19.5)) (200) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended",
      "\(stamp(now - 0.5)) (201) 0 [Utility.Event] Backup.General.ExternalThaw: Resuming system",
    ]
    let path = try folder.write("vm1/messages.log", text: lines.joined(separator: "\n") + "\n")
    return (folder, path)
  }

  static func append(_ message: String, to path: String) throws {
    let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
    try handle.seekToEnd()
    try handle.write(contentsOf: Data("\(stamp(Date())) (201) 0 [Utility.Event] \(message)\n".utf8))
    try handle.close()
  }

  @Test(arguments: [
    ("Backup.General.ExternalThaw: System resumed", Int32(0), "OK "),
    ("Backup.General.ExternalThaw: Already resumed", Int32(2), "CRITICAL "),
  ])
  func theConfirmationWrittenWhileWaitingDecides(line: String, status: Int32, word: String)
    throws
  {
    let (folder, path) = try Self.runningFreeze()
    let writer = Thread {
      Thread.sleep(forTimeInterval: 1.5)
      try? Self.append(line, to: path)
    }
    writer.start()
    let run = try CommandRunner.run(["audit", "--last", "--wait", "30s", "--tz", "UTC", folder.path])
    #expect(run.status == status, "\(run.standardOutput)\(run.standardError)")
    #expect(run.standardOutput.hasPrefix(word), "\(run.standardOutput)")
  }

  @Test func noConfirmationIsUnknownOnceTheWaitIsOver() throws {
    let (folder, _) = try Self.runningFreeze()
    let started = Date()
    let run = try CommandRunner.run(["audit", "--last", "--wait", "2s", "--tz", "UTC", folder.path])
    #expect(run.status == 3)
    #expect(Date().timeIntervalSince(started) >= 2)
    #expect(run.standardOutput.contains("still in progress, frozen "))
    #expect(run.standardOutput.contains("thaw not confirmed yet"))
  }

  @Test func waitWithoutLastIsAUsageError() throws {
    let (folder, _) = try Self.runningFreeze()
    let run = try CommandRunner.run(["audit", "--wait", "10s", folder.path])
    #expect(run.status == 3)
    #expect(run.standardError.contains("--wait is for --last"))
    #expect(run.standardOutput.isEmpty)
  }
}
