import ArgumentParser
import AuditPipeline
import BackupEvents
import Foundation

/// `events`: the backup events of every server as JSON Lines (SPEC §6), read exactly as
/// `audit` reads them (configuration, zones, catalogue), so both give the same times.
struct EventsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "events",
    abstract: "Print the backup events found in the logs as JSON Lines.",
    discussion: """
      One {"type": "input", …} record per file read (its path, size, SHA-256, zone and what \
      was counted), then one {"type": "event", …} record per event. audit --events FILE… \
      audits these records instead of the logs, with the same sessions and findings.
      """
  )

  @OptionGroup var reading: ReadingArguments

  func run() throws {
    let pipeline = try Pipeline.make(reading.options)
    let readings = try Pipeline.perform { try pipeline.read() }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let output = StandardOutput()
    for reading in readings {
      // Each file read first, so that `audit --events` reports every input and its hash.
      for input in reading.inputs {
        output.write(try encoder.encode(InputRecord(input, timeZone: reading.timeZone)))
        output.write(Data([0x0A]))
      }
      for event in reading.events {
        output.write(try encoder.encode(EventRecord(event)))
        output.write(Data([0x0A]))
      }
    }
    output.flush()
    if InputDiagnostics.report(readings) { throw ExitCode(ExitStatus.unknown) }
  }
}
