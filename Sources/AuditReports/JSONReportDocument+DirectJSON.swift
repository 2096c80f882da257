import BackupAudit

// The sessions and findings written straight into the encoder's output (`DirectJSONEncodable`),
// member for member what their `Encodable` conformances encode, in key order: the bulk of a
// report of years of history, written without a container, coding key or string per value.

extension JSONReportDocument.SessionObject: DirectJSONEncodable {
  func writeJSON(_ object: inout JSONObjectWriter) throws {
    object.integer("checkpoint", session.checkpoint)
    object.timestamp("end", session.end)
    object.string("id", session.id)
    object.string("kind", session.kind.rawValue)
    try object.objects("members", session.members, as: JSONReportDocument.Member.init)
    try object.objects("restore_tests", session.restoreTests, as: JSONReportDocument.Restore.init)
    object.timestamp("start", session.start)
    object.string("verdict", session.verdict.rawValue)
  }
}

extension JSONReportDocument.Member: DirectJSONEncodable {
  func writeJSON(_ object: inout JSONObjectWriter) throws {
    object.integer("checkpoint", member.checkpoint)
    object.integer("clock_offset_ms", member.clockOffsetMilliseconds)
    try object.number("duration_seconds", member.durationSeconds.map(roundedSeconds))
    try object.number("elapsed_seconds", member.elapsedSeconds.map(roundedSeconds))
    object.timestamp("freeze_begin", member.freezeBegin)
    object.timestamp("frozen", member.frozen)
    object.string("journal_file", member.journalFile)
    object.timestamp("quiesced", member.quiesced)
    object.timestamp("resumed", member.resumed)
    object.string("server", member.server)
    object.timestamp("thaw_begin", member.thawBegin)
    object.timestamp("thawed", member.thawed)
  }
}

extension JSONReportDocument.Restore: DirectJSONEncodable {
  func writeJSON(_ object: inout JSONObjectWriter) throws {
    object.timestamp("restored_at", test.restoredAt)
    object.string("restored_from", test.restoredFrom)
    object.string("server", test.server)
  }
}

extension JSONReportDocument.FindingObject: DirectJSONEncodable {
  func writeJSON(_ object: inout JSONObjectWriter) throws {
    try object.objects("evidence", finding.evidence) { $0 }
    object.string("message", finding.message)
    object.string("rule", finding.rule.rawValue)
    object.string("server", finding.server)
    object.string("session", finding.session)
    object.string("severity", finding.severity.rawValue)
    object.timestamp("time", finding.epochMilliseconds)
  }
}

extension Evidence: DirectJSONEncodable {
  func writeJSON(_ object: inout JSONObjectWriter) throws {
    object.integer("line", line)
    object.string("path", path)
    object.string("text", text)
  }
}
