import BackupAudit
import TestSupport
import Testing

struct UnrecognisedBackupMessageRuleTests {
  func audit(severity: Int, inside: Bool = true) throws -> AuditResult {
    var log = TestLog()
    log.noise(0)
    if !inside { log.add(50, "Backup.General.ExternalFreeze: New status line", severity: severity) }
    log.add(100, "Backup.General.ExternalFreeze: Suspending system")
    if inside { log.add(100.2, "Backup.General.ExternalFreeze: New status line", severity: severity) }
    log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
    log.add(160, "Backup.General.ExternalThaw: Resuming system", pid: 101)
    log.add(160.2, "Backup.General.ExternalThaw: System resumed", pid: 101)
    log.noise(900)
    return try AuditFixture.audit(["vm1": log])
  }

  @Test func anInformationalLineIsAWarningOnItsSession() throws {
    let result = try audit(severity: 0)
    let finding = try #require(result.findings.first)
    #expect(result.findings.count == 1)
    #expect(finding.rule == .unrecognisedBackupMessage)
    #expect(finding.severity == .warning)
    #expect(finding.session == result.sessions.first?.id)
    #expect(finding.evidence.map(\.line) == [3])
    #expect(finding.message.hasPrefix("Backup.General.ExternalFreeze logged \"New status line\""))
    #expect(result.sessions.first?.verdict == .degraded)
  }

  @Test func aSevereLineIsCritical() throws {
    let result = try audit(severity: 2)
    #expect(result.findings.map(\.severity) == [.critical])
    #expect(result.sessions.first?.verdict == .inconsistent)
  }

  @Test func aLineOutsideEveryEpisodeIsReportedOnItsOwn() throws {
    let result = try audit(severity: 1, inside: false)
    let finding = try #require(result.findings.first)
    #expect(finding.session == nil)
    #expect(finding.server == "vm1")
    #expect(result.sessions.first?.verdict == .consistent)
  }

  @Test func silentWhenTheCatalogueKnowsEveryLine() throws {
    let result = try AuditFixture.audit(thawedFreeze())
    #expect(AuditFixture.fired(.unrecognisedBackupMessage, in: result).isEmpty)
    #expect(result.sessions.first?.verdict == .consistent)
  }
}
