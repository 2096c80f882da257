import BackupAudit
import TestSupport
import Testing

struct ZoneMismatchRuleTests {
  @Test func firesOnceWithTheOffsetTheLogStates() throws {
    var log = TestLog()
    log.add(0, "Instance 'IRIS' starting on node h1 by user irisowner on 08/10/2021 23:30:00.000 UTC", category: "Generic.Event")
    log.add(5000, "Instance 'IRIS' starting on node h1 by user irisowner on 08/11/2021 00:53:20.000 UTC", category: "Generic.Event")
    log.noise(9000)
    let result = try AuditFixture.audit(["shard1": log])
    #expect(AuditFixture.fired(.zoneMismatch, in: result) == ["shard1@-"])
    let finding = try #require(result.findings.first)
    #expect(finding.severity == .warning)
    #expect(finding.epochMilliseconds == 1_628_638_200_000)  // 2021-08-10T23:30:00Z, as stated
    #expect(finding.evidence.map(\.line) == [1, 2])
    #expect(finding.message.contains("UTC+05:30"))
    #expect(finding.message.contains(" reads UTC+00:00"))
    #expect(result.servers.first?.statedUTCOffset == "+05:30")
    // The server's evidence is moved to what the log states.
    #expect(result.servers.first?.from == 1_628_638_200_000)
  }

  @Test func silentWhenTheZoneIsRight() throws {
    var log = TestLog()
    log.add(0, "Instance 'IRIS' starting on node h1 by user irisowner on 08/11/2021 05:00:00.000 UTC", category: "Generic.Event")
    let result = try AuditFixture.audit(["shard1": log])
    #expect(result.findings.isEmpty)
    #expect(result.servers.first?.statedUTCOffset == "+00:00")
  }
}
