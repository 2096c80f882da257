import BackupAudit

/// What the reports that list inputs say of a file the evidence ledger did not read whole in one
/// go, in the same words in each format (SPEC §11).
extension InputReading {
  /// The note: read on from where the ledger stopped, or read again from the start and why.
  var note: String {
    guard let restart else {
      return "read on from byte \(grouped(from)) to \(grouped(to)): the ledger holds the bytes before"
    }
    switch restart.reason {
    case .truncated:
      return "truncated: shorter than the \(grouped(restart.recordedBytes)) bytes the ledger had "
        + "read of it; read again from the start"
    case .replaced:
      return "replaced: not the file the ledger had read \(grouped(restart.recordedBytes)) bytes "
        + "of under this path; read from the start"
    }
  }

  /// What the hash of a file read in part covers: `bytes 1,024–2,048`.
  var hashedBytes: String { "bytes \(grouped(from))–\(grouped(to))" }

  private func grouped(_ value: Int64) -> String {
    HTMLFormat.grouped(value)
  }
}
