import ArgumentParser
import AuditPipeline
import BackupEvents
import Foundation

/// `events`: the backup events of every server as JSON Lines (SPEC §6), read exactly as
/// `audit` reads them (configuration, zones, catalogue), so both give the same times.
struct EventsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print the backup events found in the logs as JSON Lines."
  )

  @OptionGroup var reading: ReadingArguments

  func run() throws {
    let readings = try Pipeline.make(reading.options).read()
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
    if InputDiagnostics.report(readings) { throw ExitCode(ExitStatus.unknown) }
  }
}
