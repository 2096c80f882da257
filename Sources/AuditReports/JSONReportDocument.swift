import BackupAudit

/// The JSON report's document (SPEC §7), field for field: the stable interface that scripts,
/// monitoring and auditors read, described by `Schemas/audit-report.schema.json`.
///
/// Every field is always present (an unknown value is `null`, never a missing key), names are
/// snake_case, times are RFC 3339 UTC with milliseconds and durations are seconds with the
/// milliseconds kept. Fields beyond SPEC §7 are additions, never renamings.
struct JSONReportDocument: Encodable {
  /// Bumped on any change of the document: minor for additions, major for anything else.
  static let schemaVersion = "1.3"

  let report: AuditReport
  /// True leaves the sessions and findings to `SortedJSON`'s streamed arrays (placeholders).
  var streamsArrays = false

  enum Key: String, CodingKey {
    case schemaVersion = "schema_version"
    case tool
    case generatedAt = "generated_at"
    case config, inputs
    case servers, sessions, findings, summary
  }

  func encode(to encoder: Encoder) throws {
    let result = report.result
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(Self.schemaVersion, forKey: .schemaVersion)
    try container.encode(
      ["name": report.toolName, "version": report.toolVersion], forKey: .tool)
    try container.encode(timestamp(report.generatedAt), forKey: .generatedAt)
    try container.encode(Config(result.configuration, failOn: report.failOn), forKey: .config)
    try container.encode(
      result.inputs.map { Input($0, sha256: $0.sha256) }, forKey: .inputs)
    try container.encode(result.servers.map(Server.init), forKey: .servers)
    if streamsArrays {
      try container.encode(SortedJSON.Placeholder(key: Key.sessions.rawValue), forKey: .sessions)
      try container.encode(SortedJSON.Placeholder(key: Key.findings.rawValue), forKey: .findings)
    } else {
      try container.encode(result.sessions.map(SessionObject.init), forKey: .sessions)
      try container.encode(result.findings.map(FindingObject.init), forKey: .findings)
    }
    try container.encode(Summary(result.summary), forKey: .summary)
  }

  /// The effective thresholds and scope the audit ran with.
  struct Config: Encodable {
    let configuration: AuditConfiguration
    let failOn: Severity

    init(_ configuration: AuditConfiguration, failOn: Severity) {
      self.configuration = configuration
      self.failOn = failOn
    }

    enum Key: String, CodingKey {
      case freezeTimeoutSeconds = "freeze_timeout_seconds"
      case nearTimeoutFraction = "near_timeout_fraction"
      case maxQuiesceSeconds = "max_quiesce_seconds"
      case skewToleranceSeconds = "skew_tolerance_seconds"
      case rpoSeconds = "rpo_seconds"
      case since, until, members
      case restoredServers = "restored_servers"
      case failOn = "fail_on"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(
        seconds(configuration.freezeTimeoutMilliseconds), forKey: .freezeTimeoutSeconds)
      try container.encode(configuration.nearTimeoutFraction, forKey: .nearTimeoutFraction)
      try container.encode(
        seconds(configuration.maxQuiesceMilliseconds), forKey: .maxQuiesceSeconds)
      try container.encode(
        seconds(configuration.skewToleranceMilliseconds), forKey: .skewToleranceSeconds)
      try container.encode(configuration.rpoMilliseconds.map(seconds), forKey: .rpoSeconds)
      try container.encode(timestamp(configuration.since), forKey: .since)
      try container.encode(timestamp(configuration.until), forKey: .until)
      try container.encode(configuration.members, forKey: .members)
      try container.encode(configuration.restoredServers, forKey: .restoredServers)
      try container.encode(failOn.rawValue, forKey: .failOn)
    }
  }

  /// One input file: the evidence of what was read, with its hash.
  struct Input: Encodable {
    let summary: AuditInput
    let sha256: String?

    init(_ summary: AuditInput, sha256: String?) {
      self.summary = summary
      self.sha256 = sha256
    }

    enum Key: String, CodingKey {
      case server, path, bytes, sha256
      case firstTime = "first_time"
      case lastTime = "last_time"
      case entries
      case unparsedLines = "unparsed_lines"
      case decodedBytes = "decoded_bytes"
      case lines
      case duplicateEntries = "duplicate_entries"
      case matchErrors = "match_errors"
      case impossibleTimestamps = "impossible_timestamps"
      case binaryLines = "binary_lines"
      case truncatedLines = "truncated_lines"
      case outOfOrderEntries = "out_of_order_entries"
      case legacyYearSource = "legacy_year_source"
      case failure, envelope
      case containerLines = "container_lines"
      case reading
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(summary.server, forKey: .server)
      try container.encode(summary.path, forKey: .path)
      try container.encode(summary.bytes, forKey: .bytes)
      try container.encode(sha256, forKey: .sha256)
      try container.encode(timestamp(summary.firstEpochMilliseconds), forKey: .firstTime)
      try container.encode(timestamp(summary.lastEpochMilliseconds), forKey: .lastTime)
      try container.encode(summary.entries, forKey: .entries)
      try container.encode(summary.unparsedLines, forKey: .unparsedLines)
      try container.encode(summary.decodedBytes, forKey: .decodedBytes)
      try container.encode(summary.lines, forKey: .lines)
      try container.encode(summary.duplicateEntries, forKey: .duplicateEntries)
      try container.encode(summary.matchErrors, forKey: .matchErrors)
      try container.encode(summary.impossibleTimestamps, forKey: .impossibleTimestamps)
      try container.encode(summary.binaryLines, forKey: .binaryLines)
      try container.encode(summary.truncatedLines, forKey: .truncatedLines)
      try container.encode(summary.outOfOrderEntries, forKey: .outOfOrderEntries)
      try container.encode(summary.legacyYearSource, forKey: .legacyYearSource)
      try container.encode(summary.failure, forKey: .failure)
      try container.encode(summary.envelope, forKey: .envelope)
      try container.encode(summary.containerLines, forKey: .containerLines)
      // Only for a file the evidence ledger did not read whole in one go (since 1.3).
      try container.encodeIfPresent(summary.reading.map(Reading.init), forKey: .reading)
    }
  }

  /// How the evidence ledger read a file in part, or again from its start.
  struct Reading: Encodable {
    let reading: InputReading

    init(_ reading: InputReading) {
      self.reading = reading
    }

    enum Key: String, CodingKey {
      case from, to, sha256, restart
      case recordedTo = "recorded_to"
      case reason
      case recordedBytes = "recorded_bytes"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(reading.from, forKey: .from)
      try container.encode(reading.to, forKey: .to)
      try container.encode(reading.sha256, forKey: .sha256)
      try container.encode(reading.recordedTo, forKey: .recordedTo)
      if let restart = reading.restart {
        var nested = container.nestedContainer(keyedBy: Key.self, forKey: .restart)
        try nested.encode(restart.reason.rawValue, forKey: .reason)
        try nested.encode(restart.recordedBytes, forKey: .recordedBytes)
      } else {
        try container.encodeNil(forKey: .restart)
      }
    }
  }

  /// A server: the zone it was read in and the span its logs cover.
  struct Server: Encodable {
    let coverage: ServerCoverage

    init(_ coverage: ServerCoverage) {
      self.coverage = coverage
    }

    enum Key: String, CodingKey {
      case name, timezone, from, to, restored
      case statedUTCOffset = "stated_utc_offset"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      try container.encode(coverage.name, forKey: .name)
      try container.encode(coverage.timeZone, forKey: .timezone)
      try container.encode(timestamp(coverage.from), forKey: .from)
      try container.encode(timestamp(coverage.to), forKey: .to)
      try container.encode(coverage.isRestored, forKey: .restored)
      try container.encode(coverage.statedUTCOffset, forKey: .statedUTCOffset)
    }
  }

  /// The overall outcome; `findings_by_severity` always has every severity, zero included.
  struct Summary: Encodable {
    let summary: AuditSummary

    init(_ summary: AuditSummary) {
      self.summary = summary
    }

    enum Key: String, CodingKey {
      case status
      case exitCode = "exit_code"
      case sessions
      case findingsBySeverity = "findings_by_severity"
      case lastConsistentSession = "last_consistent_session"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      var counts = Dictionary(uniqueKeysWithValues: Severity.allCases.map { ($0.rawValue, 0) })
      counts.merge(summary.findingsBySeverity) { _, count in count }
      try container.encode(summary.status.rawValue, forKey: .status)
      try container.encode(summary.exitCode, forKey: .exitCode)
      try container.encode(summary.sessions, forKey: .sessions)
      try container.encode(counts, forKey: .findingsBySeverity)
      try container.encode(summary.lastConsistentSession, forKey: .lastConsistentSession)
    }
  }
}
