/// Why a ledger could not be opened, written or read: one line for standard error.
public enum LedgerError: Error, Equatable, CustomStringConvertible {
  /// The file is not a ledger (not SQLite, or SQLite without the ledger's tables), or cannot
  /// be opened: `ledger verify` exits 3.
  case notALedger(String)
  /// SQLite failed while the ledger was written or read.
  case database(String)

  /// The message, for standard error.
  public var description: String {
    switch self {
    case .notALedger(let message), .database(let message): message
    }
  }
}
