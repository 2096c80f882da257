import ArgumentParser
import AuditPipeline

/// The options every subcommand that reads logs shares: inputs, servers, zones, configuration.
struct ReadingArguments: ParsableArguments {
  @Argument(help: "Log files, server folders or cluster folders; - reads standard input.")
  var paths: [String] = []

  @Option(name: .customLong("server"), help: "A server named explicitly, as NAME=PATH.")
  var servers: [String] = []

  @Option(help: "The IANA time zone the logs were written in (default: this machine's).")
  var tz: String?

  @Option(help: "The year of the first entry in year-less (legacy) logs.")
  var legacyYear: Int?

  @Option(help: "The configuration file (TOML): servers, zones, roles, thresholds, catalogue.")
  var config: String?

  @Flag(help: "Say more on standard error: every file read and what was counted in it.")
  var verbose = false

  /// The reading part of the pipeline's options.
  var options: AuditOptions {
    var options = AuditOptions()
    options.paths = paths
    options.servers = servers
    options.timeZone = tz
    options.legacyYear = legacyYear
    options.configurationPath = config
    return options
  }
}
