import BackupAudit
import Testing

struct VerdictTests {
  func finding(_ severity: Severity) -> Finding {
    Finding(rule: .clockSkew, severity: severity, server: nil, session: nil, epochMilliseconds: 0, message: "", evidence: [])
  }

  @Test func worstSeverityDecides() {
    #expect(Verdict(findings: []) == .consistent)
    #expect(Verdict(findings: [finding(.warning)]) == .degraded)
    #expect(Verdict(findings: [finding(.warning), finding(.unknown)]) == .unknown)
    #expect(Verdict(findings: [finding(.unknown), finding(.critical)]) == .inconsistent)
  }

  @Test func severitiesAreOrdered() {
    #expect(Severity.warning < .unknown)
    #expect(Severity.unknown < .critical)
  }
}

struct InProgressVerdictTests {
  func finding(_ severity: Severity) -> Finding {
    Finding(rule: .freezeNearTimeout, severity: severity, server: nil, session: nil, epochMilliseconds: 0, message: "", evidence: [])
  }

  @Test func aRunningBackupIsInProgressUnlessSomethingCriticalHappened() {
    #expect(Verdict(findings: [], isInProgress: true) == .inProgress)
    #expect(Verdict(findings: [finding(.warning)], isInProgress: true) == .inProgress)
    #expect(Verdict(findings: [finding(.unknown)], isInProgress: true) == .inProgress)
    #expect(Verdict(findings: [finding(.critical)], isInProgress: true) == .inconsistent)
    #expect(Verdict.inProgress.rawValue == "in-progress")
  }
}
