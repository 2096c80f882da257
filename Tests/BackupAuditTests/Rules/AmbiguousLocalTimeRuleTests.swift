import BackupAudit
import TestSupport
import Testing

struct AmbiguousLocalTimeRuleTests {
  /// vm1's log on `date` (MM/DD/YY) with a freeze from `time` (HH:MM) to a minute later.
  func freeze(on date: String, at time: String) -> [String: TestLog] {
    var log = TestLog()
    log.raw("\(date)-00:30:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.")
    log.raw(
      "\(date)-\(time):00:000 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system"
    )
    log.raw(
      "\(date)-\(time):00:500 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended"
    )
    log.raw(
      "\(date)-\(time):50:000 (101) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed")
    log.raw("\(date)-05:00:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.")
    return ["vm1": log]
  }

  @Test func firesForAFreezeInTheRepeatedHour() throws {
    var log = TestLog()
    log.raw("10/31/21-01:00:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.")
    log.raw(
      "10/31/21-02:30:00:000 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system"
    )
    log.raw(
      "10/31/21-02:30:00:500 (100) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended"
    )
    log.raw(
      "10/31/21-02:31:00:000 (101) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed")
    log.raw("10/31/21-05:00:00:000 (50) 0 [Utility.Event] LMF Info:  Licensed for 16 users.")
    let result = try AuditFixture.audit(["vm1": log], zone: "Europe/Berlin")
    #expect(AuditFixture.fired(.ambiguousLocalTime, in: result) == ["vm1@instance-freeze"])
    #expect(
      result.findings.first?.message
        == "local time 2021-10-31T02:30:00.000 is ambiguous in Europe/Berlin")
    let utc = try AuditFixture.audit(["vm1": log])
    #expect(AuditFixture.fired(.ambiguousLocalTime, in: utc).isEmpty)
  }

  @Test func firesForAFreezeInTheSkippedHour() throws {
    // Berlin springs forward on 2021-03-28 from 02:00 to 03:00: 02:15 never happens.
    let result = try AuditFixture.audit(freeze(on: "03/28/21", at: "02:15"), zone: "Europe/Berlin")
    #expect(AuditFixture.fired(.ambiguousLocalTime, in: result) == ["vm1@instance-freeze"])
    let finding = try #require(result.findings.first { $0.rule == .ambiguousLocalTime })
    #expect(finding.message == "local time 2021-03-28T02:15:00.000 is skipped in Europe/Berlin")
    #expect(finding.evidence.map(\.line) == [2, 3, 4])
  }

  @Test func silentForAFreezeOutsideTheChangeHours() throws {
    let result = try AuditFixture.audit(freeze(on: "10/31/21", at: "04:15"), zone: "Europe/Berlin")
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
  }
}
