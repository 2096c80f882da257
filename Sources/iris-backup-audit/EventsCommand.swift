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
    if InputDiagnostics.report(readings) { throw ExitCode(ExitStatus.unknown) }
  }
}
