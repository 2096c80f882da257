import ArgumentParser
import EvidenceLedger

/// `ledger`: the evidence ledger's own commands (SPEC §11).
struct LedgerCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ledger",
    abstract: "Check an evidence ledger.",
    subcommands: [LedgerVerifyCommand.self]
  )
}

/// `ledger verify FILE`: derives every hash again; 0 intact, 2 a row changed or removed, 3 not
/// a ledger or unreadable.
struct LedgerVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Verify every row and the chain of runs of an evidence ledger.",
    discussion: """
      Exit status: 0 intact; 2 a row was changed or removed (one line per problem on standard \
      error, naming the table, row and run); 3 not a ledger, or unreadable. Standard output \
      gives the last run's record hash: kept elsewhere, it also shows a removed last run.
      """
  )

  @Argument(help: "The ledger file.")
  var file: String

  func run() throws {
    let report: LedgerVerifier.Report
    do {
      report = try LedgerVerifier.verify(path: file)
    } catch {
      Diagnostics.error(error.description)
      throw ExitCode(ExitStatus.unknown)
    }
    for problem in report.problems { Diagnostics.error(problem) }
    let status = report.isIntact ? "intact" : "TAMPERED: \(report.problems.count) problems"
    print(
      "\(file): \(status); \(report.runs) runs, \(report.rows) rows; last record hash "
        + (report.lastRecordHash ?? "none"))
    if !report.isIntact { throw ExitCode(2) }
  }
}
