import LogParsing

/// One input line of the `events` output (SPEC §6, §12): a file read, with the fields of a
/// report's `inputs` and the zone its server was read in, so that `audit --events` reports
/// every input and its hash as the audit of the logs in place would.
public struct InputRecord: Codable, Equatable, Sendable {
  public var summary: InputSummary
  /// The IANA zone the file's server was read in.
  public var timeZone: String

  /// The record of `summary`, read in `timeZone`.
  public init(_ summary: InputSummary, timeZone: String) {
    self.summary = summary
    self.timeZone = timeZone
  }

  enum CodingKeys: String, CodingKey {
    case type, server, path, bytes, sha256, entries, lines, failure, envelope, timezone
    case firstTime = "first_time"
    case lastTime = "last_time"
    case unparsedLines = "unparsed_lines"
    case decodedBytes = "decoded_bytes"
    case duplicateEntries = "duplicate_entries"
    case matchErrors = "match_errors"
    case impossibleTimestamps = "impossible_timestamps"
    case binaryLines = "binary_lines"
    case truncatedLines = "truncated_lines"
    case outOfOrderEntries = "out_of_order_entries"
    case legacyYearSource = "legacy_year_source"
    case containerLines = "container_lines"
  }

  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode("input", forKey: .type)
    try container.encode(summary.server, forKey: .server)
    try container.encode(summary.path, forKey: .path)
    try container.encode(timeZone, forKey: .timezone)
    try container.encode(summary.bytes, forKey: .bytes)
    try container.encode(summary.sha256, forKey: .sha256)
    try container.encode(summary.firstEpochMilliseconds.map(Self.time), forKey: .firstTime)
    try container.encode(summary.lastEpochMilliseconds.map(Self.time), forKey: .lastTime)
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
    try container.encode(summary.envelope ?? "plain", forKey: .envelope)
    try container.encode(summary.containerLines, forKey: .containerLines)
  }

  public init(from decoder: Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    var summary = InputSummary(
      server: try container.decode(String.self, forKey: .server),
      path: try container.decode(String.self, forKey: .path))
    timeZone = try container.decode(String.self, forKey: .timezone)
    summary.bytes = try container.decode(Int.self, forKey: .bytes)
    summary.sha256 = try container.decodeIfPresent(String.self, forKey: .sha256)
    summary.firstEpochMilliseconds = try Self.instant(container, .firstTime)
    summary.lastEpochMilliseconds = try Self.instant(container, .lastTime)
    summary.entries = try container.decode(Int.self, forKey: .entries)
    summary.unparsedLines = try container.decode(Int.self, forKey: .unparsedLines)
    summary.decodedBytes = try container.decode(Int.self, forKey: .decodedBytes)
    summary.lines = try container.decode(Int.self, forKey: .lines)
    summary.duplicateEntries = try container.decode(Int.self, forKey: .duplicateEntries)
    summary.matchErrors = try container.decode(Int.self, forKey: .matchErrors)
    summary.impossibleTimestamps = try container.decode(Int.self, forKey: .impossibleTimestamps)
    summary.binaryLines = try container.decode(Int.self, forKey: .binaryLines)
    summary.truncatedLines = try container.decode(Int.self, forKey: .truncatedLines)
    summary.outOfOrderEntries = try container.decode(Int.self, forKey: .outOfOrderEntries)
    summary.legacyYearSource = try container.decodeIfPresent(String.self, forKey: .legacyYearSource)
    summary.failure = try container.decodeIfPresent(String.self, forKey: .failure)
    let envelope = try container.decodeIfPresent(String.self, forKey: .envelope)
    summary.envelope = envelope == "plain" ? nil : envelope
    summary.containerLines = try container.decodeIfPresent(Int.self, forKey: .containerLines) ?? 0
    self.summary = summary
  }

  private static func time(_ instant: Int64) -> String {
    CivilCalendar.rfc3339(epochMilliseconds: instant)
  }

  private static func instant(
    _ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys
  ) throws -> Int64? {
    guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
    guard let instant = CivilCalendar.epochMilliseconds(rfc3339: text) else {
      throw DecodingError.dataCorruptedError(
        forKey: key, in: container, debugDescription: "\(text) is not an RFC 3339 UTC time")
    }
    return instant
  }
}
