import BackupAudit

/// Writes the Markdown report of SPEC §7 for tickets, wikis and change records: the summary (and,
/// over a long period, a calendar of days and a table of months), the effective configuration,
/// the servers, the sessions with their verdicts and members, the findings grouped by severity
/// (worst first) with their evidence, and the inputs with hashes.
///
/// Log text is data: in tables and prose it goes through `MarkupEscaping.markdown(_:)`, and
/// evidence lines stand in fenced code blocks whose fence no line can close, so a hostile log
/// line adds no row, column, heading, tag or link. GitHub-flavoured tables; Ink renders it too.
public struct MarkdownReportWriter: ReportWriter {
  /// Creates the writer.
  public init() {}

  /// Writes `report` as one Markdown document ending with a newline.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    let result = report.result
    var blocks = [["# Backup audit: \(result.summary.status.rawValue.uppercased())"]]
    blocks.append(summaryTable(report))
    blocks += calendarBlocks(result)
    blocks += [["## Configuration"], configurationTable(result.configuration)]
    blocks += [["## Servers (\(result.servers.count))"], serverTable(result.servers)]
    blocks += sessionBlocks(result.sessions, spelledOut: report.spelledOutSessions)
    blocks += findingBlocks(result.findings)
    blocks += [["## Inputs (\(result.inputs.count))"], inputTable(report)]
    output.write(blocks.map { $0.joined(separator: "\n") }.joined(separator: "\n\n"))
    output.write("\n")
  }

  /// Status, exit code, counts, the last consistent session and the report's own making.
  func summaryTable(_ report: AuditReport) -> [String] {
    let summary = report.result.summary
    let verdicts = Verdict.allCases.map { verdict in
      "\(report.result.sessions.filter { $0.verdict == verdict }.count) \(verdict.rawValue)"
    }
    let severities = Severity.allCases.sorted(by: >).map {
      "\(summary.findingsBySeverity[$0.rawValue] ?? 0) \($0.rawValue)"
    }
    return Self.table(
      ["summary", "value"],
      [
        ["status", summary.status.rawValue],
        ["exit code", "\(summary.exitCode) (fails on \(report.failOn.rawValue) and above)"],
        ["sessions", "\(summary.sessions): \(verdicts.joined(separator: ", "))"],
        ["findings", severities.joined(separator: ", ")],
        ["last consistent session", lastConsistent(report.result)],
        ["tool", "\(text(report.toolName)) \(text(report.toolVersion))"],
        ["generated", timestamp(report.generatedAt)],
      ])
  }

  /// The last consistent session's id and start, or "none".
  private func lastConsistent(_ result: AuditResult) -> String {
    guard let id = result.summary.lastConsistentSession else { return "none" }
    let start = result.lastConsistentSession.map { ", started \(timestamp($0.start))" } ?? ""
    return text(id) + start
  }

  /// The thresholds and scope the audit ran with, defaults included.
  func configurationTable(_ configuration: AuditConfiguration) -> [String] {
    let restored = configuration.restoredServers.sorted {
      ServerNameOrder.precedes($0.key, $1.key)
    }.map { name, origin in
      text(name) + (origin.map { " (copy of \(text($0)))" } ?? "")
    }
    let timeout = configuration.freezeTimeoutMilliseconds
    let nearTimeout = Double(timeout) * configuration.nearTimeoutFraction
    return Self.table(
      ["setting", "value"],
      [
        ["freeze timeout", Self.duration(seconds(timeout))],
        [
          "near-timeout fraction",
          "\(MarkupEscaping.decimal(configuration.nearTimeoutFraction)) (warns past "
            + "\(Self.duration(roundedSeconds(nearTimeout / 1000))))",
        ],
        ["max quiesce", Self.duration(seconds(configuration.maxQuiesceMilliseconds))],
        ["skew tolerance", Self.duration(seconds(configuration.skewToleranceMilliseconds))],
        ["rpo", configuration.rpoMilliseconds.map { Self.duration(seconds($0)) } ?? "none"],
        ["since", timestamp(configuration.since) ?? "none"],
        ["until", timestamp(configuration.until) ?? "none"],
        [
          "members",
          configuration.members.isEmpty
            ? "every server read" : configuration.members.map(text).joined(separator: ", "),
        ],
        ["restored servers", restored.isEmpty ? "none" : restored.joined(separator: ", ")],
        ["fail on", configuration.failOn.rawValue],
      ])
  }

  /// Each server's zone, the offset its logs state, the span they cover, and whether it is a
  /// restored copy.
  func serverTable(_ servers: [ServerCoverage]) -> [String] {
    Self.table(
      ["server", "time zone", "offset its log states", "from", "to", "role"],
      servers.map { server in
        [
          text(server.name), text(server.timeZone),
          server.statedUTCOffset.map { "UTC\($0)" } ?? "—", timestamp(server.from) ?? "—",
          timestamp(server.to) ?? "—", server.isRestored ? "restored copy" : "production",
        ]
      })
  }

  /// One row per input file with its hash ("not computed" when the caller gave none) and what
  /// reading it found.
  func inputTable(_ report: AuditReport) -> [String] {
    Self.table(
      [
        "server", "path", "bytes", "sha-256", "first entry", "last entry", "entries",
        "unparsed lines", "notes",
      ],
      report.result.inputs.map { input in
        [
          text(input.server), text(input.path), "\(input.bytes)",
          input.sha256.map(text)
            ?? input.reading.flatMap { reading in
              reading.sha256.map { "\(reading.hashedBytes): \(text($0))" }
            } ?? "not computed",
          timestamp(input.firstEpochMilliseconds) ?? "—",
          timestamp(input.lastEpochMilliseconds) ?? "—", "\(input.entries)",
          "\(input.unparsedLines)", notes(input),
        ]
      })
  }

  /// What is unusual about an input: why it could not be read, and the counts that are not zero.
  private func notes(_ input: AuditInput) -> String {
    var notes: [String] = []
    if let failure = input.failure { notes.append("unreadable: \(text(failure))") }
    if let reading = input.reading { notes.append(text(reading.note)) }
    if input.decodedBytes != input.bytes { notes.append("\(input.decodedBytes) bytes decoded") }
    let counts = [
      (input.duplicateEntries, "duplicate entries"),
      (input.impossibleTimestamps, "impossible timestamps"),
      (input.binaryLines, "binary lines"), (input.truncatedLines, "truncated lines"),
      (input.outOfOrderEntries, "entries out of order"),
      (input.matchErrors, "entries PCRE2 could not match"),
    ]
    notes += counts.filter { $0.0 > 0 }.map { "\($0.0) \($0.1)" }
    if let source = input.legacyYearSource { notes.append("year from \(text(source))") }
    return notes.isEmpty ? "—" : notes.joined(separator: "; ")
  }

  /// Log or configuration text as Markdown inline text.
  func text(_ value: String) -> String {
    MarkupEscaping.markdown(value)
  }

  /// Seconds as `600 s`.
  static func duration(_ value: Double) -> String {
    "\(MarkupEscaping.decimal(value)) s"
  }

  /// A GitHub-flavoured table, or "none" without rows; the cells must already be escaped.
  static func table(_ header: [String], _ rows: [[String]]) -> [String] {
    guard !rows.isEmpty else { return ["none"] }
    let line = { (cells: [String]) in "| " + cells.joined(separator: " | ") + " |" }
    return [line(header), line(header.map { _ in "---" })] + rows.map(line)
  }
}
