import Foundation
import TestSupport
import Testing

/// A run over logs that grew by nothing reports the audit an earlier run recorded, and reports
/// exactly what the binary's direct audit of the same logs at the same report time reports;
/// a run during a backup is judged again by the next. The direct audit reads the logs without
/// a ledger, so the ledger's code has no part in the expected report.
@Suite struct LedgerSnapshotTests {
  /// What `--verbose` says when a run reports the audit run `run` recorded.
  static func reused(_ run: Int) -> String { "no evidence added since run \(run) of the ledger" }

  /// The binary's audit of `folder` without a ledger.
  static func direct(_ folder: String, at time: String, format: String = "json") throws -> String {
    let run = try CommandRunner.run(
      ["audit", folder, "--format", format, "--tz", "UTC", "--report-time", time])
    return run.standardOutput
  }

  /// `LedgerHistoryTests`' cluster up to its second freeze, both thawed, and a ledger beside.
  static func clusterWithTwoFreezes() throws -> (folder: TemporaryFolder, ledger: LedgerFile) {
    let folder = try TemporaryFolder()
    for server in LedgerHistoryTests.servers {
      _ = try folder.write(
        "\(server)/messages.log", text: LedgerHistoryTests.parts(server)[0...1].joined())
    }
    return (folder, LedgerFile(path: folder.path + "/audit.ledger"))
  }

  @Test(arguments: ["json", "markdown", "sarif"])
  func anUnchangedRunReportsWhatTheDirectAuditReportsAtItsReportTime(format: String) throws {
    let folder = try TemporaryFolder()
    try FileManager.default.copyItem(
      atPath: EventReading.packagePath("Samples/faulty-month"), toPath: folder.path + "/logs")
    let logs = folder.path + "/logs"
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    let first = try ledger.audit(logs, at: "2030-01-01T00:00:00Z", ["--verbose"])
    #expect(!first.standardError.contains(Self.reused(1)))
    let counts = try ledger.rowCounts()
    for (index, time) in ["2030-01-02T00:00:00Z", "2031-06-01T12:00:00Z"].enumerated() {
      let rerun = try CommandRunner.run(
        [
          "audit", logs, "--ledger", ledger.path, "--format", format, "--tz", "UTC",
          "--report-time", time, "--verbose",
        ])
      #expect(rerun.standardError.contains(Self.reused(1)), "\(rerun.standardError)")
      let direct = try CommandRunner.run(
        ["audit", logs, "--format", format, "--tz", "UTC", "--report-time", time])
      #expect(rerun.status == direct.status)
      #expect(rerun.standardOutput == direct.standardOutput)
      var expected = counts
      expected["runs", default: 0] += index + 1
      expected["run_rows", default: 0] += (index + 1) * (LedgerFile.tables.count - 2)
      #expect(try ledger.rowCounts() == expected, "the run added its row alone")
    }
    #expect(try ledger.verify().status == 0)
  }

  @Test func aRunDuringABackupIsJudgedAgainByTheNextRun() throws {
    let folder = try TemporaryFolder()
    for server in LedgerHistoryTests.servers {
      _ = try folder.write("\(server)/messages.log", text: LedgerHistoryTests.parts(server)[0])
    }
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    let during = AuditedCluster.time(1100)
    let after = AuditedCluster.time(3000)
    let later = AuditedCluster.time(90_000)
    func run(at time: String) throws -> (essence: Essence, output: String, said: String) {
      let run = try ledger.audit(folder.path, at: time, ["--verbose"])
      return (try Essence(run.standardOutput), run.standardOutput, run.standardError)
    }
    let first = try run(at: during)
    #expect(first.essence.verdicts == ["in-progress"])
    // In progress at its report time: the next run judges the freeze again, past its timeout.
    let second = try run(at: after)
    #expect(!second.said.contains("no evidence added"))
    #expect(second.essence.rules.contains("never-thawed"))
    #expect(second.output == (try Self.direct(folder.path, at: after)))
    // Past its timeout it stays past it: the audit run 2 recorded is the one at a later time.
    let third = try run(at: later)
    #expect(third.said.contains(Self.reused(2)), "\(third.said)")
    #expect(third.output == (try Self.direct(folder.path, at: later)))
    // No recorded audit stands for an earlier report time.
    let earlier = try run(at: during)
    #expect(!earlier.said.contains("no evidence added"))
    #expect(earlier.essence.verdicts == ["in-progress"])
    #expect(earlier.output == (try Self.direct(folder.path, at: during)))
  }

  @Test func anotherConfigurationOrNewEvidenceIsAuditedAgain() throws {
    let (folder, ledger) = try Self.clusterWithTwoFreezes()
    let time = LedgerHistoryTests.reportTime
    _ = try ledger.audit(folder.path, at: time)
    let stricter = try ledger.audit(folder.path, at: time, ["--verbose", "--freeze-timeout", "30s"])
    #expect(!stricter.standardError.contains("no evidence added"), "\(stricter.standardError)")
    #expect(try Essence(stricter.standardOutput).rules.contains("freeze-timeout-exceeded"))
    let direct = try CommandRunner.run(
      [
        "audit", folder.path, "--format", "json", "--tz", "UTC", "--report-time", time,
        "--freeze-timeout", "30s",
      ])
    #expect(stricter.standardOutput == direct.standardOutput)
    for server in LedgerHistoryTests.servers {
      try LedgerFile.append(
        LedgerHistoryTests.parts(server)[3], to: "\(folder.path)/\(server)/messages.log")
    }
    let grown = try ledger.audit(folder.path, at: time, ["--verbose"])
    #expect(!grown.standardError.contains("no evidence added"))
    // The inputs differ: the run read the logs on from where the ledger stopped.
    #expect(try Essence(grown.standardOutput) == Essence(try Self.direct(folder.path, at: time)))
    #expect(try Essence(grown.standardOutput).verdicts.count == 3)
  }

  @Test func anotherExecutableOfTheSameVersionAuditsAgain() throws {
    let (folder, ledger) = try Self.clusterWithTwoFreezes()
    let time = LedgerHistoryTests.reportTime
    let first = try ledger.audit(folder.path, at: time)
    // A copy of the binary: the same version, another file, as an upgrade or a rebuild is.
    let copy = URL(fileURLWithPath: folder.path + "/iris-backup-audit")
    try FileManager.default.copyItem(at: CommandRunner.binary, to: copy)
    let arguments = [
      "audit", folder.path, "--ledger", ledger.path, "--format", "json", "--tz", "UTC",
      "--report-time", time, "--verbose",
    ]
    let upgraded = try CommandRunner.run(copy, arguments)
    #expect(upgraded.status == first.status, "\(upgraded.standardError)")
    #expect(!upgraded.standardError.contains("no evidence added"), "\(upgraded.standardError)")
    #expect(upgraded.standardOutput == first.standardOutput)
    let again = try CommandRunner.run(copy, arguments)
    #expect(again.standardError.contains(Self.reused(2)), "\(again.standardError)")
    #expect(again.standardOutput == first.standardOutput)
  }
}
