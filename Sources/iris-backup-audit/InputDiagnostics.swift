import BackupEvents

/// Tells people on standard error what reading each input found: failures, lines that could
/// not be parsed or were cut, year-less timestamps and how they were dated. Shared by every
/// subcommand that reads logs, so they all say the same.
enum InputDiagnostics {
  /// Says, with `--verbose`, which files a run with the ledger did not read at all.
  static func report(unchanged files: [String]) {
    for file in files {
      Diagnostics.debug("\(file): unchanged since the ledger recorded it; not read")
    }
  }

  /// Reports every input of `readings`; returns true when any could not be read.
  @discardableResult
  static func report(_ readings: [ServerReading]) -> Bool {
    var hasFailure = false
    for reading in readings {
      for input in reading.inputs {
        Diagnostics.debug(
          "\(input.path): server \(input.server), zone \(reading.timeZone), "
            + "envelope \(input.envelope ?? "plain"), \(input.lines) lines, "
            + "\(input.entries) entries, \(input.unparsedLines) unparsed, "
            + "\(input.duplicateEntries) repeated from the file before")
        if let range = input.range, range.readFrom > 0 {
          Diagnostics.debug(
            "\(input.path): read on from byte \(range.readFrom) to \(range.readTo), where the "
              + "ledger had stopped")
        }
        if let restart = input.range?.restart {
          Diagnostics.warning(
            "\(input.path): \(restart.reason.rawValue): the ledger had read "
              + "\(restart.recordedBytes) bytes of the file recorded under this path; read "
              + "from the start again")
        }
        if let failure = input.failure {
          Diagnostics.error(failure)
          hasFailure = true
        }
        if input.unparsedLines > 0 {
          Diagnostics.warning("\(input.path): \(input.unparsedLines) lines could not be parsed")
        }
        if input.truncatedLines > 0 {
          Diagnostics.warning(
            "\(input.path): \(input.truncatedLines) lines longer than the limit were cut")
        }
        if let source = input.legacyYearSource {
          Diagnostics.warning("\(input.path): year-less timestamps dated by the \(source)")
        }
      }
    }
    return hasFailure
  }
}
