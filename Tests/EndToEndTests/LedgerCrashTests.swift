import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
  import Glibc
#endif

/// SPEC §11 "Crash-safe": `kill -9` in the middle of a large run's write leaves the ledger as
/// the previous run left it, and the next run completes normally.
@Suite struct LedgerCrashTests {
  @Test func aRunKilledWhileWritingLeavesTheLedgerAsThePreviousRunLeftIt() throws {
    let folder = try TemporaryFolder()
    let small = folder.path + "/small"
    let large = folder.path + "/large"
    for (path, arguments) in [
      (small, ["--seed", "1", "--servers", "2", "--days", "3"]),
      // Some 20 000 events, none of them in the small cluster: a write of many megabytes.
      (large, ["--seed", "5", "--servers", "8", "--days", "200", "--noise-per-hour", "0"]),
    ] {
      let run = try CommandRunner.run(["simulate", path] + arguments)
      #expect(run.status == 0, "\(run.standardError)")
    }
    let ledger = LedgerFile(path: folder.path + "/audit.ledger")
    let audit = ["audit", "--ledger", ledger.path, "--format", "json", "--tz", "UTC"]
    let first = try CommandRunner.run(audit + [small])
    #expect(first.status != 3, "\(first.standardError)")
    let before = try ledger.rowCounts()
    let fingerprint = try ledger.verify().standardOutput

    // Killed once SQLite is writing the transaction's pages: the WAL is far larger than the
    // first run's, which a checkpoint emptied.
    let killed = try killWhileWriting(audit + [large], wal: ledger.path + "-wal")
    #expect(killed, "the run ended before its write could be interrupted")
    #expect(
      FileManager.default.fileExists(atPath: ledger.path + "-wal"),
      "the killed run's WAL is left behind")
    let verify = try ledger.verify()
    #expect(verify.status == 0, "\(verify.standardError)")
    #expect(verify.standardOutput == fingerprint)
    #expect(try ledger.rowCounts() == before)

    let next = try CommandRunner.run(audit + [large])
    #expect(next.status != 3, "\(next.standardError)")
    let after = try ledger.verify()
    #expect(after.status == 0, "\(after.standardError)")
    #expect(after.standardOutput.contains("2 runs"))
    let events = try #require(try ledger.rowCounts()["events"])
    #expect(events > (before["events"] ?? 0) + 10_000)
  }

  /// Starts the binary with `arguments` and sends it SIGKILL once `wal` passes 2 MiB; true when
  /// the signal ended it.
  private func killWhileWriting(_ arguments: [String], wal: String) throws -> Bool {
    let process = Process()
    process.executableURL = CommandRunner.binary
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(120)
    while process.isRunning && Date() < deadline {
      var status = stat()
      if stat(wal, &status) == 0 && status.st_size > 2 << 20 {
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(1000)
    }
    if process.isRunning && Date() >= deadline { kill(process.processIdentifier, SIGKILL) }
    process.waitUntilExit()
    return process.terminationReason == .uncaughtSignal && process.terminationStatus == SIGKILL
  }
}
