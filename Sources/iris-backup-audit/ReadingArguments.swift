import ArgumentParser
import BackupEvents
import Foundation
import LogReading

/// The options every subcommand that reads logs shares: inputs, servers, zones.
struct ReadingArguments: ParsableArguments {
  @Argument(help: "Log files, server folders or cluster folders; - reads standard input.")
  var paths: [String] = []

  @Option(name: .customLong("server"), help: "A server named explicitly, as NAME=PATH.")
  var servers: [String] = []

  @Option(help: "The IANA time zone the logs were written in (default: this machine's).")
  var tz: String?

  @Option(help: "The year of the first entry in year-less (legacy) logs.")
  var legacyYear: Int?

  @Flag(help: "Say more on standard error: every file read and what was counted in it.")
  var verbose = false

  func validate() throws {
    if paths.isEmpty && servers.isEmpty {
      throw ValidationError("name at least one log file, folder or --server NAME=PATH")
    }
    if let tz, TimeZone(identifier: tz) == nil {
      throw ValidationError("unknown time zone \(tz); use an IANA name such as Europe/Paris")
    }
  }

  /// The servers behind the arguments.
  func discoverServers() throws -> [ServerInput] {
    try ServerDiscovery.discover(paths: paths, namedServers: servers)
  }

  /// The reading options for every server.
  func readingOptions() -> ReadingOptions {
    ReadingOptions(timeZone: tz.flatMap(TimeZone.init(identifier:)) ?? .current, legacyYear: legacyYear)
  }
}
