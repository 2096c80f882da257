import BackupAudit
import Foundation
import Testing

@testable import AuditReports

/// Every `DirectJSONEncodable` value writes exactly what `JSONEncoder` writes for its
/// `Encodable` form: every session, member, restore, finding and evidence line of the fixtures,
/// hostile text included, values at their extremes, and instants of every kind.
struct DirectJSONTests {
  static let hostileTexts = [
    "\u{0}\"\\/\n\u{7F}é", String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
    "\u{2028}\u{2029}", "👩‍👩‍👧 e\u{301}", "\\/ //",
  ]

  static func reports() -> [AuditReport] {
    [
      ReportFixtures.report(), hostileMarkupReport(),
      LongPeriodFixture.report(days: 40, servers: 4),
    ]
      + hostileTexts.map(LongPeriodFixture.hostileReport)
  }

  @Test func sessionsAndFindingsOfEveryFixtureAreWrittenAsFoundationWritesThem() throws {
    var objects = 0
    for report in Self.reports() {
      for session in report.result.sessions {
        try expectFoundationBytes(JSONReportDocument.SessionObject(session))
        objects += 1
      }
      for finding in report.result.findings {
        try expectFoundationBytes(JSONReportDocument.FindingObject(finding))
        objects += 1
      }
    }
    #expect(objects > 100)
  }

  @Test func membersAtTheirExtremesAreWrittenAsFoundationWritesThem() throws {
    var full = SessionMember(server: "a/b\u{0}")
    full.freezeBegin = -62_135_596_800_001
    full.frozen = 253_402_300_799_999
    full.thawBegin = 253_402_300_800_000
    full.thawed = -1
    full.quiesced = 0
    full.resumed = 1_629_000_000_123
    full.durationSeconds = 0.1 + 0.2
    full.elapsedSeconds = 1e17
    full.journalFile = "/journal/20210811.001"
    full.checkpoint = Int.max
    full.clockOffsetMilliseconds = Int64.min
    var tiny = full
    tiny.durationSeconds = -0.0
    tiny.elapsedSeconds = .leastNonzeroMagnitude
    for member in [full, tiny, SessionMember(server: "")] {
      try expectFoundationBytes(JSONReportDocument.Member(member))
    }
    for restore in [
      RestoreTest(server: "r", restoredFrom: nil, restoredAt: -86_400_001),
      RestoreTest(server: "r\"", restoredFrom: "m\\", restoredAt: 4_102_444_800_000),
    ] {
      try expectFoundationBytes(JSONReportDocument.Restore(restore))
    }
    var broken = full
    broken.durationSeconds = .infinity
    #expect(throws: (any Error).self) { try Self.direct(JSONReportDocument.Member(broken)) }
  }

  /// Instants before the epoch, at the ends of the four-digit years and beyond them.
  @Test func instantsAreWrittenAsTimestampWritesThem() {
    let day: Int64 = 86_400_000
    var instants: [Int64] = [
      0, -1, 1, 999, 1000, -999, -1000, -1001, day - 1, -day, -day + 1,
      -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000,
      Int64.max / 4, Int64.min / 4,
    ]
    instants += (0..<2000).map { Int64($0) * 7_777_777_777 - 8_000_000_000_000 }
    for instant in instants {
      let output = JSONOutput(capacity: 32)
      output.timestamp(instant)
      let expected = JSONOutput(capacity: 32)
      expected.string(timestamp(instant))
      #expect(output.bytes == expected.bytes, "\(instant)")
    }
  }

  /// Written deeper, as the streamed arrays' elements are, the same bytes indented.
  @Test func aDirectValueWrittenDeeperIsTheSameValueIndented() throws {
    let session = ReportFixtures.report().result.sessions[0]
    let object = JSONReportDocument.SessionObject(session)
    #expect(
      try Self.direct(object, depth: 2)
        == PrettyJSONEncoderHostileTests.indented(try Self.direct(object), by: 2))
    #expect(try PrettyJSONEncoder(depth: 2).encode(object) == (try Self.direct(object, depth: 2)))
  }

  static func direct(_ value: some DirectJSONEncodable, depth: Int = 0) throws -> [UInt8] {
    let output = JSONOutput(capacity: 1024)
    try JSONObjectWriter.write(value, depth: depth, to: output)
    return output.bytes
  }

  private func expectFoundationBytes(
    _ value: some DirectJSONEncodable, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let mine = try Self.direct(value) + [0x0A]
    let foundation = try SortedJSON.foundationBytes(value)
    // Compared as a whole, so that a failure shows the text rather than two lists of bytes.
    let isSame = mine == foundation
    let texts = [mine, foundation].map { String(decoding: $0, as: UTF8.self) }
    #expect(
      isSame, "mine:\n\(texts[0])\nFoundation's:\n\(texts[1])", sourceLocation: sourceLocation)
  }
}
