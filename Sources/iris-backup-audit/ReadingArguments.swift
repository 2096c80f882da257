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

  @Option(
    help: ArgumentHelp(
      "The envelope every file is in (default: detected per file from its first lines).",
      discussion: "plain, iris-main, compose, cri, docker-json, syslog, syslog-5424; a "
        + "transport with +iris-main (cri+iris-main) when iris-main printed the log.",
      valueName: "name"))
  var envelope: String?

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
    options.envelope = envelope
    options.configurationPath = config
    return options
  }
}
