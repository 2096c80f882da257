import BackupAudit
import BackupEvents
import LogReading
import TestSupport
import Testing

@testable import EvidenceLedger

/// An audit snapshot gives back the result it was made of, whole; bytes that are not one throw.
struct AuditSnapshotTests {
  /// A result with every field of every type set, none at its default.
  static var everyField: AuditResult {
    var input = AuditInput(server: "ds1", path: "/logs/ds1/messages.log")
    input.bytes = 1 << 40
    input.decodedBytes = 7
    input.lines = 8
    input.firstEpochMilliseconds = -1
    input.lastEpochMilliseconds = .max
    input.entries = 9
    input.unparsedLines = 10
    input.impossibleTimestamps = 11
    input.binaryLines = 12
    input.truncatedLines = 13
    input.outOfOrderEntries = 14
    input.duplicateEntries = 15
    input.matchErrors = 16
    input.legacyYearSource = "file's modification time"
    input.failure = "cut short"
    input.sha256 = String(repeating: "ab", count: 32)
    input.envelope = "journald-json"
    input.containerLines = 17
    input.reading = InputReading(
      from: 100, to: 200, sha256: "cd", recordedTo: 150,
      restart: InputRestart(reason: .truncated, recordedBytes: 99))
    var member = SessionMember(server: "ds1")
    member.freezeBegin = 1
    member.frozen = 2
    member.thawBegin = 3
    member.thawed = 4
    member.quiesced = 5
    member.resumed = 6
    member.durationSeconds = 0.1
    member.journalFile = "/j/20210811.003"
    member.checkpoint = Int.min
    member.clockOffsetMilliseconds = -250
    member.elapsedSeconds = -0.0
    let session = Session(
      id: "2021-08-11T05:01:40Z-freeze", kind: .clusterFreeze, start: 1, end: 4, checkpoint: 42,
      verdict: .inProgress, members: [member, SessionMember(server: "ds2")],
      restoreTests: [RestoreTest(server: "restore1", restoredFrom: "ds1", restoredAt: 9)])
    let finding = Finding(
      rule: .neverThawed, severity: .critical, server: "ds1", session: session.id,
      epochMilliseconds: .min, message: "thawed \u{0} never\n\u{2028}é",
      evidence: [Evidence(path: "/logs/ds1/messages.log", line: 3, text: "a line")])
    return AuditResult(
      configuration: AuditConfiguration(), inputs: [input, AuditInput(server: "ds2", path: "-")],
      servers: [
        ServerCoverage(
          name: "ds1", timeZone: "Europe/Paris", from: 1, to: 2, isRestored: true,
          statedUTCOffset: "+02:00"),
        ServerCoverage(name: "ds2", timeZone: "UTC", from: nil, to: nil),
      ],
      sessions: [session], findings: [finding],
      summary: AuditSummary(
        status: .critical, exitCode: 2, sessions: 1,
        findingsBySeverity: ["critical": 1, "warning": 0, "unknown": 3],
        lastConsistentSession: "earlier"),
      judgedAtReportTime: false)
  }

  @Test func aResultWithEveryFieldSetComesBackWhole() throws {
    let result = Self.everyField
    var configuration = AuditConfiguration()
    configuration.reportTime = 5
    let decoded = try AuditSnapshot.decode(AuditSnapshot.encode(result), configuration: configuration)
    var expected = result
    expected.configuration = configuration
    #expect(decoded == expected)
    #expect(AuditSnapshot.encode(decoded) == AuditSnapshot.encode(result), "the same bytes again")
  }

  /// The types the snapshot writes field by field: a field added to one of them must be written
  /// (`AuditSnapshot`) and then counted here.
  @Test func theSnapshotWritesEveryFieldOfEveryType() {
    let result = Self.everyField
    let fields: [(Any, Int)] = [
      (result, 7), (result.inputs[0], 21), (result.inputs[0].reading!, 5),
      (result.inputs[0].reading!.restart!, 2), (result.servers[0], 6), (result.sessions[0], 8),
      (result.sessions[0].members[0], 12), (result.sessions[0].restoreTests[0], 3),
      (result.findings[0], 7), (result.findings[0].evidence[0], 3), (result.summary, 5),
    ]
    for (value, count) in fields {
      #expect(Mirror(reflecting: value).children.count == count, "\(type(of: value))")
    }
  }

  @Test(arguments: ["faulty-month", "clean-week", "mixed-layouts", "quarter"])
  func theAuditOfASampleComesBackWhole(sample: String) throws {
    let servers = try ServerDiscovery.discover(paths: [EventReading.packagePath("Samples/\(sample)")])
    let readings = ServerLogReader.readAll(servers, options: { _ in EventReading.options() })
    var configuration = AuditConfiguration()
    configuration.reportTime = 1_900_000_000_000
    let result = Auditor(configuration: configuration).audit(readings)
    #expect(result.sessions.count > 3 && !result.findings.isEmpty || sample == "clean-week")
    #expect(try AuditSnapshot.decode(AuditSnapshot.encode(result), configuration: configuration) == result)
  }

  @Test func bytesCutShortOrChangedThrowOrReadWithoutTrapping() throws {
    let bytes = AuditSnapshot.encode(Self.everyField)
    for length in 0..<bytes.count {
      #expect(throws: AuditSnapshot.Corrupt.self) {
        try AuditSnapshot.decode(Array(bytes[0..<length]), configuration: AuditConfiguration())
      }
    }
    #expect(throws: AuditSnapshot.Corrupt.self) {
      try AuditSnapshot.decode(bytes + [0], configuration: AuditConfiguration())
    }
    var changed = 0
    for index in bytes.indices {
      for value: UInt8 in [0x00, 0x01, 0x7f, 0x80, 0xff] where bytes[index] != value {
        var copy = bytes
        copy[index] = value
        if (try? AuditSnapshot.decode(copy, configuration: AuditConfiguration())) == nil {
          changed += 1
        }
      }
    }
    #expect(changed > 0)
    // The header names the format and its version.
    var other = bytes
    other[4] = 2
    #expect(throws: AuditSnapshot.Corrupt.self) {
      try AuditSnapshot.decode(other, configuration: AuditConfiguration())
    }
  }
}
