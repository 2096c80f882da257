import BackupAudit

extension JSONReportDocument {
  /// A session with its members' times and the restores that tested it.
  struct SessionObject: Encodable {
    let session: Session

    init(_ session: Session) {
      self.session = session
    }

    enum Key: String, CodingKey {
      case id, kind, start, end, checkpoint, verdict, members
      case restoreTests = "restore_tests"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(session.id, forKey: .id)
      try container.encode(session.kind.rawValue, forKey: .kind)
      try container.encode(timestamp(session.start), forKey: .start)
      try container.encode(timestamp(session.end), forKey: .end)
      try container.encode(session.checkpoint, forKey: .checkpoint)
      try container.encode(session.verdict.rawValue, forKey: .verdict)
      try container.encode(session.members.map(Member.init), forKey: .members)
      try container.encode(session.restoreTests.map(Restore.init), forKey: .restoreTests)
    }
  }

  /// One member's episode: times as logged (its own clock), duration, journal file.
  struct Member: Encodable {
    let member: SessionMember

    init(_ member: SessionMember) {
      self.member = member
    }

    enum Key: String, CodingKey {
      case server
      case freezeBegin = "freeze_begin"
      case frozen
      case thawBegin = "thaw_begin"
      case thawed
      case quiesced, resumed
      case durationSeconds = "duration_seconds"
      case journalFile = "journal_file"
      case checkpoint
      case clockOffsetMilliseconds = "clock_offset_ms"
      case elapsedSeconds = "elapsed_seconds"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(member.server, forKey: .server)
      try container.encode(timestamp(member.freezeBegin), forKey: .freezeBegin)
      try container.encode(timestamp(member.frozen), forKey: .frozen)
      try container.encode(timestamp(member.thawBegin), forKey: .thawBegin)
      try container.encode(timestamp(member.thawed), forKey: .thawed)
      try container.encode(timestamp(member.quiesced), forKey: .quiesced)
      try container.encode(timestamp(member.resumed), forKey: .resumed)
      try container.encode(member.durationSeconds.map(roundedSeconds), forKey: .durationSeconds)
      try container.encode(member.journalFile, forKey: .journalFile)
      try container.encode(member.checkpoint, forKey: .checkpoint)
      try container.encode(member.clockOffsetMilliseconds, forKey: .clockOffsetMilliseconds)
      try container.encode(member.elapsedSeconds.map(roundedSeconds), forKey: .elapsedSeconds)
    }
  }

  /// A restored copy started from the session's snapshot.
  struct Restore: Encodable {
    let test: RestoreTest

    init(_ test: RestoreTest) {
      self.test = test
    }

    enum Key: String, CodingKey {
      case server
      case restoredFrom = "restored_from"
      case restoredAt = "restored_at"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(test.server, forKey: .server)
      try container.encode(test.restoredFrom, forKey: .restoredFrom)
      try container.encode(timestamp(test.restoredAt), forKey: .restoredAt)
    }
  }

  /// A finding with the log lines it rests on; log text goes out as JSON strings, escaped.
  struct FindingObject: Encodable {
    let finding: Finding

    init(_ finding: Finding) {
      self.finding = finding
    }

    enum Key: String, CodingKey {
      case rule, severity, server, session, time, message, evidence
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(finding.rule.rawValue, forKey: .rule)
      try container.encode(finding.severity.rawValue, forKey: .severity)
      try container.encode(finding.server, forKey: .server)
      try container.encode(finding.session, forKey: .session)
      try container.encode(timestamp(finding.epochMilliseconds), forKey: .time)
      try container.encode(finding.message, forKey: .message)
      try container.encode(finding.evidence, forKey: .evidence)
    }
  }
}
