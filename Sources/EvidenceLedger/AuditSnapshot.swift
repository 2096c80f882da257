import BackupAudit
import BackupEvents

/// An audit's result as bytes, so that a run over logs that added no evidence reports the
/// audit the ledger recorded instead of auditing all its history again (`Ledger.record`).
///
/// Every field of the result but its configuration, which is the run's own: the snapshot is
/// used only by a run whose configuration is the one it was made with (`AuditSnapshotKey`).
/// Each type writes its fields in the order it declares them; `AuditSnapshotTests` fails when
/// a type gains a field this file does not write.
public enum AuditSnapshot {
  /// The bytes are not a whole snapshot of this version.
  public struct Corrupt: Error, CustomStringConvertible {
    public var description: String
  }

  /// The bytes of `result`.
  public static func encode(_ result: AuditResult) -> [UInt8] {
    var writer = SnapshotWriter()
    writer.array(result.inputs) { $0.write($1) }
    writer.array(result.servers) { $0.write($1) }
    writer.array(result.sessions) { $0.write($1) }
    writer.array(result.findings) { $0.write($1) }
    writer.write(result.summary)
    writer.bool(result.judgedAtReportTime)
    return writer.bytes
  }

  /// The result `bytes` hold, with `configuration`; `Corrupt` when they are not a whole
  /// snapshot of this version.
  public static func decode(_ bytes: [UInt8], configuration: AuditConfiguration)
    throws(Corrupt) -> AuditResult
  {
    var reader = try SnapshotReader(bytes)
    let inputs = try reader.array { reader throws(Corrupt) in try reader.input() }
    let servers = try reader.array { reader throws(Corrupt) in
      try reader.coverage()
    }
    let sessions = try reader.array { reader throws(Corrupt) in
      try reader.session()
    }
    let findings = try reader.array { reader throws(Corrupt) in
      try reader.finding()
    }
    let summary = try reader.summary()
    let judged = try reader.bool()
    guard reader.isAtEnd else {
      throw Corrupt(description: "bytes after the end of the snapshot")
    }
    return AuditResult(
      configuration: configuration, inputs: inputs, servers: servers, sessions: sessions,
      findings: findings, summary: summary, judgedAtReportTime: judged)
  }
}

extension SnapshotWriter {
  fileprivate mutating func write(_ input: AuditInput) {
    string(input.server)
    string(input.path)
    integer(input.bytes)
    integer(input.decodedBytes)
    integer(input.lines)
    integer(input.firstEpochMilliseconds)
    integer(input.lastEpochMilliseconds)
    integer(input.entries)
    integer(input.unparsedLines)
    integer(input.impossibleTimestamps)
    integer(input.binaryLines)
    integer(input.truncatedLines)
    integer(input.outOfOrderEntries)
    integer(input.duplicateEntries)
    integer(input.matchErrors)
    string(input.legacyYearSource)
    string(input.failure)
    string(input.sha256)
    string(input.envelope)
    integer(input.containerLines)
    optional(input.reading) { writer, reading in
      writer.integer(reading.from)
      writer.integer(reading.to)
      writer.string(reading.sha256)
      writer.integer(reading.recordedTo)
      writer.optional(reading.restart) { writer, restart in
        writer.raw(restart.reason)
        writer.integer(restart.recordedBytes)
      }
    }
  }

  fileprivate mutating func write(_ coverage: ServerCoverage) {
    string(coverage.name)
    string(coverage.timeZone)
    integer(coverage.from)
    integer(coverage.to)
    bool(coverage.isRestored)
    string(coverage.statedUTCOffset)
  }

  fileprivate mutating func write(_ session: Session) {
    string(session.id)
    raw(session.kind)
    integer(session.start)
    integer(session.end)
    integer(session.checkpoint)
    raw(session.verdict)
    array(session.members) { writer, member in
      writer.string(member.server)
      writer.integer(member.freezeBegin)
      writer.integer(member.frozen)
      writer.integer(member.thawBegin)
      writer.integer(member.thawed)
      writer.integer(member.quiesced)
      writer.integer(member.resumed)
      writer.double(member.durationSeconds)
      writer.string(member.journalFile)
      writer.integer(member.checkpoint)
      writer.integer(member.clockOffsetMilliseconds)
      writer.double(member.elapsedSeconds)
    }
    array(session.restoreTests) { writer, test in
      writer.string(test.server)
      writer.string(test.restoredFrom)
      writer.integer(test.restoredAt)
    }
  }

  fileprivate mutating func write(_ finding: Finding) {
    raw(finding.rule)
    raw(finding.severity)
    string(finding.server)
    string(finding.session)
    integer(finding.epochMilliseconds)
    string(finding.message)
    array(finding.evidence) { writer, evidence in
      writer.string(evidence.path)
      writer.integer(evidence.line)
      writer.string(evidence.text)
    }
  }

  fileprivate mutating func write(_ summary: AuditSummary) {
    raw(summary.status)
    integer(summary.exitCode)
    integer(summary.sessions)
    // By key: the same counts give the same bytes.
    array(summary.findingsBySeverity.sorted { $0.key < $1.key }) { writer, count in
      writer.string(count.key)
      writer.integer(count.value)
    }
    string(summary.lastConsistentSession)
  }
}

extension SnapshotReader {
  fileprivate mutating func input() throws(Corrupt) -> AuditInput {
    var input = AuditInput(server: try string(), path: try string())
    input.bytes = try int()
    input.decodedBytes = try int()
    input.lines = try int()
    input.firstEpochMilliseconds = try optionalInteger()
    input.lastEpochMilliseconds = try optionalInteger()
    input.entries = try int()
    input.unparsedLines = try int()
    input.impossibleTimestamps = try int()
    input.binaryLines = try int()
    input.truncatedLines = try int()
    input.outOfOrderEntries = try int()
    input.duplicateEntries = try int()
    input.matchErrors = try int()
    input.legacyYearSource = try optionalString()
    input.failure = try optionalString()
    input.sha256 = try optionalString()
    input.envelope = try string()
    input.containerLines = try int()
    input.reading = try optional { reader throws(Corrupt) in
      InputReading(
        from: try reader.integer(), to: try reader.integer(), sha256: try reader.optionalString(),
        recordedTo: try reader.integer(),
        restart: try reader.optional { reader throws(Corrupt) in
          InputRestart(reason: try reader.raw(InputRestart.Reason.self), recordedBytes: try reader.integer())
        })
    }
    return input
  }

  fileprivate mutating func coverage() throws(Corrupt) -> ServerCoverage {
    ServerCoverage(
      name: try string(), timeZone: try string(), from: try optionalInteger(),
      to: try optionalInteger(), isRestored: try bool(), statedUTCOffset: try optionalString())
  }

  fileprivate mutating func session() throws(Corrupt) -> Session {
    Session(
      id: try string(), kind: try raw(SessionKind.self), start: try integer(), end: try integer(),
      checkpoint: try optionalInt(), verdict: try raw(Verdict.self),
      members: try array { reader throws(Corrupt) in try reader.member() },
      restoreTests: try array { reader throws(Corrupt) in
        RestoreTest(
          server: try reader.string(), restoredFrom: try reader.optionalString(),
          restoredAt: try reader.integer())
      })
  }

  private mutating func member() throws(Corrupt) -> SessionMember {
    var member = SessionMember(server: try string())
    member.freezeBegin = try optionalInteger()
    member.frozen = try optionalInteger()
    member.thawBegin = try optionalInteger()
    member.thawed = try optionalInteger()
    member.quiesced = try optionalInteger()
    member.resumed = try optionalInteger()
    member.durationSeconds = try optionalDouble()
    member.journalFile = try optionalString()
    member.checkpoint = try optionalInt()
    member.clockOffsetMilliseconds = try optionalInteger()
    member.elapsedSeconds = try optionalDouble()
    return member
  }

  fileprivate mutating func finding() throws(Corrupt) -> Finding {
    Finding(
      rule: try raw(RuleID.self), severity: try raw(Severity.self), server: try optionalString(),
      session: try optionalString(), epochMilliseconds: try integer(), message: try string(),
      evidence: try array { reader throws(Corrupt) in
        Evidence(path: try reader.string(), line: try reader.int(), text: try reader.string())
      })
  }

  fileprivate mutating func summary() throws(Corrupt) -> AuditSummary {
    let status = try raw(AuditStatus.self)
    let exitCode = try int32()
    let sessions = try int()
    var counts: [String: Int] = [:]
    for (key, value) in try array({ reader throws(Corrupt) in (try reader.string(), try reader.int()) }) {
      guard counts.updateValue(value, forKey: key) == nil else {
        throw Corrupt(description: "a severity counted twice")
      }
    }
    return AuditSummary(
      status: status, exitCode: exitCode, sessions: sessions, findingsBySeverity: counts,
      lastConsistentSession: try optionalString())
  }
}
