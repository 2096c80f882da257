import Foundation
import TestSupport
import Testing

/// The incremental ledger over every envelope of SPEC §3.1: a log that reaches the disk in
/// pieces cut anywhere (mid-line, mid-entry, mid-record), with a run after each piece, leaves a
/// ledger whose report is the audit of the whole logs; and a file's envelope, detected on its
/// first reading, is the one its later readings use.
@Suite(.serialized) struct LedgerEnvelopeTests {
  static let reportTime = ["--report-time", "2021-12-01T00:00:00Z", "--format", "json"]

  /// Where the live logs are cut: fractions of their size, none on a line boundary by design.
  static let cuts = [0.31, 0.58, 0.77, 0.93]

  @Test(arguments: ["plain", "cri+iris-main", "docker-json", "compose", "syslog"])
  func aLogReadInPiecesGivesTheAuditOfTheWholeLog(envelope: String) throws {
    let folder = try TemporaryFolder()
    let whole = try EnvelopeTests.simulate(envelope, into: folder)
    let isStream = envelope == "compose" || envelope == "syslog"
    // Each server's live log (or the one stream of every server) in pieces; the rotated files
    // are there from the first run on, as they would be.
    let live = folder.path + "/live"
    try FileManager.default.copyItem(atPath: whole, toPath: live)
    let logs = try FileManager.default.subpathsOfDirectory(atPath: whole)
      .filter { $0.hasSuffix("messages.log") || $0 == "cluster.log" }
    #expect(!logs.isEmpty)
    let bytes = try logs.map { try Array(Data(contentsOf: URL(fileURLWithPath: "\(whole)/\($0)"))) }
    for (index, log) in logs.enumerated() {
      let cut = Int(Double(bytes[index].count) * Self.cuts[0])
      try Data(bytes[index][..<cut]).write(to: URL(fileURLWithPath: "\(live)/\(log)"))
    }
    let target = isStream ? [live + "/cluster.log", "--config", live + "/cluster.toml"] : [live]
    let ledger = folder.path + "/audit.ledger"
    let audit = ["audit"] + target + ["--ledger", ledger] + Self.reportTime
    for (step, fraction) in (Self.cuts.dropFirst() + [1.0]).enumerated() {
      let run = try CommandRunner.run(audit)
      #expect(run.status != 3 || step == 0, "\(run.standardError)")
      for (index, log) in logs.enumerated() {
        let from = Int(Double(bytes[index].count) * Self.cuts[step])
        let to = Int(Double(bytes[index].count) * fraction)
        try LedgerFile.append(bytes: bytes[index][from..<to], to: "\(live)/\(log)")
      }
    }
    let last = try CommandRunner.run(audit)
    let direct = try CommandRunner.run(
      ["audit"] + (isStream ? [whole + "/cluster.log", "--config", whole + "/cluster.toml"] : [whole])
        + Self.reportTime)
    let expected = try Essence(direct.standardOutput)
    #expect(expected.verdicts.count > 10)
    #expect(try Essence(last.standardOutput) == expected, "\(last.standardError)")
    let report = try CommandRunner.run(
      ["report", "--ledger", ledger, "--report-time", "2021-12-01T00:00:00Z", "--format", "json"])
    #expect(try Essence(report.standardOutput) == expected)
    // Each run read on from where the one before stopped.
    let live0 = "\(live)/\(logs[0])"
    let ranges = try LedgerFile(path: ledger).texts(
      "SELECT r.read_from FROM input_ranges r JOIN inputs i ON i.id = r.input_row WHERE i.path = '\(live0)' GROUP BY r.run_id ORDER BY r.run_id")
    #expect(ranges.count == Self.cuts.count + 1, "\(ranges)")
    #expect(ranges.dropFirst().allSatisfy { Int($0)! > 0 }, "\(ranges)")
    #expect(try LedgerFile(path: ledger).verify().status == 0)
  }

  @Test func anIRISMainLogKeepsItsEnvelopeWhenOnlyTheContainersLinesFollow() throws {
    let folder = try TemporaryFolder()
    var log = TestLog()
    log.noise(0)
    log.clusterFreeze(at: 100, checkpoint: 7)
    let head = log.lines.map { "[INFO] log: \($0)" }.joined(separator: "\n") + "\n"
    // What the container prints itself, with no log line among them: read alone, these lines
    // would be taken for a plain log that is all junk.
    let tail = (1...5).map { "Container output line \($0): nothing of the log" }
      .joined(separator: "\n") + "\n"
    let path = try folder.write("ds1/messages.log", text: head)
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    let first = try Essence(try ledger.audit(folder.path, at: AuditedCluster.time(9000)).standardOutput)
    #expect(first.inputs.first?.envelope == "iris-main")
    try LedgerFile.append(tail, to: path)
    let run = try ledger.audit(folder.path, at: AuditedCluster.time(9000))
    let input = try #require(try Essence(run.standardOutput).inputs.first)
    #expect(input.reading != nil, "read on, not read again")
    #expect(input.envelope == "iris-main")
    #expect(input.containerLines == 5, "\(run.standardError)")
    #expect(input.unparsedLines == 0)
  }
}
