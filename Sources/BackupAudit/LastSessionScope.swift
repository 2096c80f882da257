import BackupEvents

extension Auditor {
  /// Audits every session, then keeps only the most recent one (`audit --last`): its members,
  /// checkpoint and freeze-timeout findings, plus the findings about unreadable or empty inputs,
  /// which leave any verdict unknown. Without a session, or with one still in progress, the
  /// result is unknown: a post-backup check that has not read the backup's end has not seen the
  /// backup it was asked about.
  public func auditLastSession(_ readings: [ServerReading]) -> AuditResult {
    LastSessionScope.narrow(audit(readings), auditor: self)
  }
}

/// How `audit --last` narrows a whole audit to its most recent session.
enum LastSessionScope {
  static func narrow(_ result: AuditResult, auditor: Auditor) -> AuditResult {
    var narrowed = result
    let last = result.sessions.max { ($0.start, $0.id) < ($1.start, $1.id) }
    narrowed.sessions = last.map { [$0] } ?? []
    narrowed.findings = result.findings.filter { finding in
      if let session = finding.session { return session == last?.id }
      return finding.rule == .insufficientEvidence
    }
    if last == nil {
      narrowed.findings.append(
        Finding(
          rule: .insufficientEvidence, severity: .unknown, server: nil, session: nil,
          epochMilliseconds: result.servers.compactMap(\.to).max() ?? 0,
          message: "no backup session in the audited logs", evidence: []))
    }
    narrowed.summary = auditor.summary(findings: narrowed.findings, sessions: narrowed.sessions)
    // A post-backup check must never pass a backup it has not seen finish (SPEC §6).
    if last?.verdict == .inProgress && narrowed.summary.status != .critical {
      narrowed.summary.status = .unknown
      narrowed.summary.exitCode = AuditStatus.unknown.exitCode(failOn: auditor.configuration.failOn)
    }
    return narrowed
  }
}
