import Foundation
import TestSupport
import Testing

/// Issue 11, point 7: the command line reads the configuration the same way everywhere.
struct ConfigurationOnlyTests {
  static func cluster() throws -> AuditedCluster {
    let cluster = try AuditedCluster(TestLog.clusterWithOneFreeze)
    try cluster.folder.write(
      "cluster.toml",
      text: """
        [cluster]
        timezone = "Europe/Berlin"

        [[servers]]
        name = "master"
        path = "master"
        role = "master"

        [[servers]]
        name = "shard1"
        path = "shard1"
        role = "shard"
        """)
    return cluster
  }

  @Test func configAloneAuditsTheServersItLists() throws {
    let cluster = try Self.cluster()
    let run = try cluster.run(["audit", "--config", cluster.folder.path + "/cluster.toml"])
    #expect(run.status == 0, "\(run.standardError)")
    #expect(run.standardOutput.contains("1 sessions") || run.standardOutput.contains("1 session"))
  }

  @Test func aRepeatedRestoredServerIsHarmless() throws {
    let cluster = try Self.cluster()
    let run = try cluster.run([
      "audit", cluster.folder.path, "--restored", "shard1", "--restored", "shard1",
    ])
    #expect(run.status <= 3, "\(run.standardError)")
    #expect(!run.standardError.contains("Fatal error"))
    #expect(!run.standardError.contains("uniqueKeysWithValues"))
  }

  @Test func eventsReadTheFoldersConfigurationAsTheAuditDoes() throws {
    let cluster = try Self.cluster()
    let events = try cluster.run(["events", cluster.folder.path])
    #expect(events.status == 0, "\(events.standardError)")
    let records = try events.standardOutput.split(separator: "\n").map {
      try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
    }
    let record = try #require(records.first { $0["type"] as? String == "event" })
    // The input records say which zone each server was read in.
    #expect(records.filter { $0["type"] as? String == "input" }.allSatisfy { $0["timezone"] as? String == "Europe/Berlin" })
    let audit = try cluster.run(["audit", cluster.folder.path, "--format", "json"])
    let document = try #require(
      try JSONSerialization.jsonObject(with: Data(audit.standardOutput.utf8)) as? [String: Any])
    let session = try #require((document["sessions"] as? [[String: Any]])?.first)
    // 05:01:40 local in Berlin (summer time) is 03:01:40 UTC, for both commands.
    #expect(record["time"] as? String == "2021-08-11T03:01:40.000Z")
    #expect(session["start"] as? String == "2021-08-11T03:01:40.000Z")
  }
}
