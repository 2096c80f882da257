import BackupEvents

/// Tells people on standard error what reading each input found: failures, lines that could
/// not be parsed or were cut, year-less timestamps and how they were dated. Shared by every
/// subcommand that reads logs, so they all say the same.
enum InputDiagnostics {
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
