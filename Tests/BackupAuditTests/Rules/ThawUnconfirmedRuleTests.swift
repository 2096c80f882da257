import BackupAudit
import TestSupport
import Testing

struct ThawUnconfirmedRuleTests {
  static let base: Int64 = 1_628_658_000_000  // 2021-08-11T05:00:00Z

  /// `frozenServer` with its thaw begun at 160 s, then `edit`'s lines.
  func log(_ edit: (inout TestLog) -> Void) -> [String: TestLog] {
    frozenServer { log in
      log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
      edit(&log)
    }
  }

  @Test func firesWhenTheNextBackupEventComesFirst() throws {
    let result = try AuditFixture.audit(log { log in
      log.add(7200, "Backup.General.ExternalFreeze: Suspending system", pid: 102)
      log.add(7200.5, "Backup.General.ExternalFreeze: System suspended", pid: 102)
      log.add(7260, "Backup.General.ExternalThaw: Resuming system", pid: 103)
      log.add(7260.2, "Backup.General.ExternalThaw: System resumed", pid: 103)
    })
    #expect(AuditFixture.fired(.thawUnconfirmed, in: result) == ["vm1@instance-freeze"])
    let finding = try #require(result.findings.first { $0.rule == .thawUnconfirmed })
    #expect(finding.epochMilliseconds == Self.base + 100_000)
    #expect(finding.evidence.map(\.line) == [2, 4])
    #expect(finding.message.contains("before the server's next backup event"))
    #expect(result.sessions.count == 2)
  }

  @Test func firesAtTheEndOfTheEvidenceOncePastTheTimeout() throws {
    var configuration = AuditConfiguration()
    configuration.reportTime = Self.base + 2_000_000
    let result = try AuditFixture.audit(log { $0.noise(900) }, configuration: configuration)
    #expect(AuditFixture.fired(.thawUnconfirmed, in: result) == ["vm1@instance-freeze"])
    #expect(AuditFixture.fired(.neverThawed, in: result).isEmpty)
  }

  @Test func waitsWhileTheThawIsInProgress() throws {
    var configuration = AuditConfiguration()
    configuration.reportTime = Self.base + 200_000
    let result = try AuditFixture.audit(log { $0.noise(170) }, configuration: configuration)
    #expect(result.findings.isEmpty, "\(result.findings.map(\.message))")
    #expect(result.sessions.first?.verdict == .inProgress)
  }

  @Test func aConfirmationOfAnyKindSilencesIt() throws {
    for confirmation in [
      "Backup.General.ExternalThaw: System resumed", "Backup.General.ExternalThaw: Already resumed",
    ] {
      let result = try AuditFixture.audit(log { log in
        log.add(160.3, confirmation, pid: 101)
        log.noise(900)
      })
      #expect(AuditFixture.fired(.thawUnconfirmed, in: result).isEmpty)
    }
  }
}
