import BackupAudit
import TestSupport
import Testing

struct CrashWhileFrozenRuleTests {
  @Test func crashWhileFrozenEndsTheFreezeWithoutNeverThawed() throws {
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.raw("")
        log.raw("*** Recovery started at Wed Aug 11 05:10:00 2021")
        log.raw("Exiting with status 3 (Success)")
        log.add(
          601, "Previous system shutdown was abnormal, system forced down or crashed", pid: 31600,
          severity: 2, category: "Generic.Event")
        log.noise(900)
      })
    #expect(AuditFixture.fired(.crashWhileFrozen, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
    #expect(result.findings.first?.evidence.map(\.line) == [2, 5])
  }

  @Test func theMessageSaysHowLongIntoTheFreeze() throws {
    // The recovery block at 05:10:00 is 600 s in, the freeze began at 05:01:40.
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.raw("*** Recovery started at Wed Aug 11 05:10:00 2021")
        log.noise(900)
      })
    #expect(
      result.findings.first { $0.rule == .crashWhileFrozen }?.message
        == "restarted 500 s after the freeze began")
  }

  @Test func silentWhenTheRestartFollowsACompletedThaw() throws {
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.add(160, "Backup.General.ExternalThaw: System resumed", pid: 101)
        log.raw("*** Recovery started at Wed Aug 11 05:10:00 2021")
        log.raw("Exiting with status 3 (Success)")
        log.noise(900)
      })
    #expect(AuditFixture.fired(.crashWhileFrozen, in: result).isEmpty)
    #expect(result.sessions.first?.verdict == .consistent)
  }

  @Test func aRestartAfterABegunThawIsNoCrashWhileFrozen() throws {
    // The begun thaw ended the freeze: the restart did not happen while frozen.
    let result = try AuditFixture.audit(
      frozenServer { log in
        log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
        log.raw("")
        log.raw("*** Recovery started at Thu Aug 12 05:00:00 2021")
        log.raw("Exiting with status 3 (Success)")
        log.noise(90_000)
      })
    #expect(AuditFixture.fired(.thawUnconfirmed, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.crashWhileFrozen, in: result).isEmpty)
  }
}
