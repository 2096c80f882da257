import Foundation
import TestSupport
import Testing

/// Issue 16, SPEC §6 and §12: each host extracts its own events (`events`), only those travel,
/// and `audit --events` gives the report the audit of the logs in place gives — sessions,
/// findings, inputs and their hashes — on a rotated, gzip-compressed cluster.
@Suite(.serialized) struct EventsAuditTests {
  static func json(_ run: CommandRunner.Result) throws -> NSDictionary {
    let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
    return try #require(object as? NSDictionary, "\(run.standardError)")
  }

  @Test func eventsFromEveryHostAuditedCentrallyGiveTheDirectReport() throws {
    let folder = try TemporaryFolder()
    let cluster = try EnvelopeTests.simulate("plain", into: folder)
    let configuration = cluster + "/cluster.toml"
    let direct = try CommandRunner.run(["audit", cluster] + EnvelopeTests.reportTime)
    // Each server's folder on its own host, with the cluster's configuration for the zones.
    var files: [String] = []
    for server in ["master", "shard1", "shard2", "shard3", "restore1"] {
      let run = try CommandRunner.run(["events", cluster + "/" + server, "--config", configuration])
      #expect(run.status == 0, "\(run.standardError)")
      files.append(try folder.write("\(server).jsonl", text: run.standardOutput))
    }
    let central = try CommandRunner.run(
      ["audit", "--events"] + files + ["--config", configuration] + EnvelopeTests.reportTime)
    let expected = try Self.json(direct)
    #expect((expected["inputs"] as? [Any])?.count == 14)
    #expect(try Self.json(central) == expected)
    #expect(central.status == direct.status)
  }

  @Test func eventsOnStandardInputGiveTheSameReport() throws {
    let folder = try TemporaryFolder()
    let cluster = try EnvelopeTests.simulate("plain", into: folder)
    let events = try CommandRunner.run(["events", cluster])
    let direct = try CommandRunner.run(["audit", cluster] + EnvelopeTests.reportTime)
    let central = try CommandRunner.run(
      ["audit", "--events", "-", "--config", cluster + "/cluster.toml"] + EnvelopeTests.reportTime,
      input: Data(events.standardOutput.utf8))
    #expect(try Self.json(central) == Self.json(direct))
  }

  @Test(arguments: [
    ("not json\n", "events.jsonl:1: not a JSON object of the events output"),
    (#"{"type":"event","server":"a"}"# + "\n", "events.jsonl:1: an event record without its fields (no path)"),
    (#"{"server":"a","path":"p","line":1}"# + "\n", "events.jsonl:1: a record of type none"),
    (
      #"{"type":"event","server":"a","path":"p","line":1,"time":"2021-08-11T05:49:43.233Z","local_time":"2021-08-11T05:49:43.233","pid":1,"severity":0,"category":null,"event":"frozen","text":"t"}"#
        + "\n", "server a has events but no input record"
    ),
    (
      #"{"type":"event","server":"a","path":"p","line":1,"time":"yesterday","local_time":"2021-08-11T05:49:43.233","pid":1,"severity":0,"category":null,"event":"frozen","text":"t"}"#
        + "\n", "events.jsonl:1: an event record whose time"
    ),
  ])
  func aDamagedEventsFileIsOneLineAndExitThree(content: String, message: String) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("events.jsonl", text: content)
    let run = try CommandRunner.run(["audit", "--events", path])
    #expect(run.status == 3)
    #expect(run.standardError.contains(message), "\(run.standardError)")
    #expect(run.standardError.split(separator: "\n").count == 1, "\(run.standardError)")
  }

  @Test func eventsAndLogsTogetherAreAUsageError() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("events.jsonl", text: "")
    let run = try CommandRunner.run(["audit", folder.path, "--events", path])
    // `--events` takes every word up to the next option: the folder before it is a log path.
    #expect(run.status == 3)
    #expect(run.standardError.contains("--events audits events instead of logs"))
  }
}
