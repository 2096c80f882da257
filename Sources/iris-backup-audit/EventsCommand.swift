import ArgumentParser
import BackupEvents
import Foundation
import LogReading

/// `events`: the backup events of every server as JSON Lines (SPEC §6).
struct EventsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print the backup events found in the logs as JSON Lines."
  )

  @OptionGroup var reading: ReadingArguments

  func run() throws {
    let servers: [ServerInput]
    do {
      servers = try reading.discoverServers()
    } catch {
      Diagnostics.error(String(describing: error))
      throw ExitCode(ExitStatus.unknown)
    }
    let options = reading.readingOptions()
    let readings = ServerLogReader.readAll(servers, options: { _ in options })
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let output = StandardOutput()
    for reading in readings {
      for event in reading.events {
        output.write(try encoder.encode(EventRecord(event)))
        output.write(Data([0x0A]))
      }
    }
    output.flush()
    var hasFailure = false
    for reading in readings {
      for input in reading.inputs {
        Diagnostics.debug(
          "\(input.path): server \(input.server), zone \(reading.timeZone), \(input.lines) lines, "
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
    if hasFailure { throw ExitCode(ExitStatus.unknown) }
  }
}
