import Foundation
import TestSupport
import Testing

struct EventsCommandTests {
  func objects(_ output: String, type: String = "event") throws -> [[String: Any]] {
    try output.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }.filter { $0["type"] as? String == type }
  }

  @Test func printsEachServersEventsAsJSONLines() throws {
    let result = try CommandRunner.run(["events", EventReading.packagePath("Samples/hand-made"), "--tz", "Europe/Berlin"])
    #expect(result.status == 0, "\(result.standardError)")
    let events = try objects(result.standardOutput)
    #expect(Set(events.compactMap { $0["server"] as? String }) == ["master", "shard1", "shard2"])
    let freeze = try #require(events.first { $0["event"] as? String == "freeze-begin" })
    #expect(
      Set(freeze.keys)
        == ["type", "server", "path", "line", "time", "local_time", "pid", "severity", "category", "event", "text"])
    #expect(
      freeze["text"] as? String
        == "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system")
    // One input record per file, before its events: the fields of a report's inputs.
    let inputs = try objects(result.standardOutput, type: "input")
    #expect(inputs.map { $0["server"] as? String ?? "" } == ["master", "shard1", "shard2"])
    #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 && $0["timezone"] as? String == "Europe/Berlin" })
    #expect(freeze["server"] as? String == "master")
    #expect(freeze["line"] as? Int == 4)
    #expect(freeze["pid"] as? Int == 18374)
    #expect(freeze["time"] as? String == "2021-08-11T03:49:43.233Z")
    #expect(freeze["local_time"] as? String == "2021-08-11T05:49:43.233")
    #expect(freeze["category"] as? String == "Utility.Event")
    let checkpoint = try #require(events.first { $0["event"] as? String == "journal-checkpoint" })
    #expect(checkpoint["checkpoint"] as? Int == 42)
    #expect(checkpoint["journal_file"] as? String == "/iris/journal1/20210811.002")
    let recovery = try #require(events.first { $0["event"] as? String == "recovery" })
    #expect(recovery["pid"] is NSNull)
    #expect(recovery["line"] as? Int == 14)
  }

  @Test func readsStandardInput() throws {
    let line = "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalThaw: Already resumed\n"
    let result = try CommandRunner.run(["events", "-", "--tz", "UTC"], input: Data(line.utf8))
    let events = try objects(result.standardOutput)
    #expect(events.count == 1)
    #expect(events.first?["server"] as? String == "stdin")
    #expect(try objects(result.standardOutput, type: "input").map { $0["path"] as? String } == ["-"])
    #expect(events.first?["event"] as? String == "already-resumed")
  }

  @Test func missingInputExitsThreeWithAClearMessage() throws {
    let result = try CommandRunner.run(["events", "/nonexistent/messages.log"])
    #expect(result.status == 3)
    #expect(result.standardOutput.isEmpty)
    #expect(result.standardError.contains("cannot read /nonexistent/messages.log"))
  }

  @Test func invalidUsageExitsThree() throws {
    #expect(try CommandRunner.run(["events"]).status == 3)
    #expect(try CommandRunner.run(["events", "x", "--tz", "Mars/Olympus"]).status == 3)
  }
}
