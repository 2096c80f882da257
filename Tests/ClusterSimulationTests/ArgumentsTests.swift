import Testing

@testable import ClusterSimulation

/// `SimulationConfiguration.options`, the one parser of `simulate`'s options: what it reads,
/// what it refuses, and the command line it records.
@Suite struct ArgumentsTests {
  /// The default configuration's recorded options: what every sample's `cluster.toml` begins
  /// with, so a change here makes the committed samples stale.
  @Test func theDefaultConfigurationRecordsItsFixedOptionsOnly() {
    #expect(
      SimulationConfiguration().arguments == [
        "--seed", "1", "--servers", "4", "--days", "7", "--start", "2021-08-05", "--timezone",
        "UTC", "--noise-per-hour", "20", "--skew-ms", "250",
      ])
  }

  @Test func theFolderMayComeAnywhereAndValuesMayBeAttached() throws {
    let words = [
      "--servers=8", "corpus", "--gzip-rotated", "--faults", " clock-skew, ,decoy-lines",
    ]
    let parsed = try SimulationConfiguration.parse(commandLine: words)
    #expect(parsed.outputDirectory == "corpus")
    #expect(parsed.configuration.serverCount == 8 && parsed.configuration.gzipRotated)
    #expect(parsed.configuration.faults == [.clockSkew, .decoyLines])
    let dashed = try SimulationConfiguration.parse(commandLine: ["--days", "3", "--", "--odd"])
    #expect(dashed.outputDirectory == "--odd" && dashed.configuration.days == 3)
  }

  @Test func theDecoyShareIsReadAndRecorded() throws {
    var configuration = SimulationConfiguration()
    configuration.decoyShare = 0.2
    #expect(configuration.arguments.suffix(2) == ["--decoy-share", "0.2"])
    #expect(try SimulationConfiguration(arguments: ["--decoy-share", "0.2"]) == configuration)
  }

  @Test(arguments: [
    ([String](), "missing the output folder: simulate OUTDIR [options]"),
    (["out", "--nope"], "unknown option --nope"),
    (["out", "--servers"], "--servers needs a value"),
    (["out", "--servers", "many"], "--servers needs a whole number, not many"),
    (["out", "--seed", "-1"], "--seed needs a whole number from 0, not -1"),
    (["out", "--fault-rate", "half"], "--fault-rate needs a number, not half"),
    (["out", "--restore-test=yes"], "--restore-test takes no value"),
    (["out", "other"], "unexpected argument other"),
    (["out", "--start", "2021-02-30"], "--start must be a date like 2021-08-05"),
    (["out", "--faults", "nope"], "unknown fault nope; see simulate --help for the list"),
    (
      ["out", "--layouts", "xml"],
      "unknown layout xml; use iris, cache, structured-pairs or structured-json"
    ),
    (
      ["out", "--approaches", "tape"],
      "unknown approach tape; use freeze, quiesce, checkpoint or instance"
    ),
  ])
  func aBadCommandLineSaysWhatIsWrong(words: [String], message: String) {
    #expect(throws: SimulationError.invalidConfiguration(message)) {
      try SimulationConfiguration.parse(commandLine: words)
    }
  }

  @Test func recordedOptionsRefuseAFolder() {
    #expect(throws: SimulationError.invalidConfiguration("unexpected argument corpus")) {
      try SimulationConfiguration(arguments: ["--days", "3", "corpus"])
    }
  }

  @Test func everyOptionHasHelpAndAUniqueName() {
    let flags = SimulationConfiguration.options.map(\.flag)
    #expect(Set(flags).count == flags.count)
    for option in SimulationConfiguration.options {
      #expect(option.flag.hasPrefix("--") && option.help.hasSuffix("."), "\(option.flag)")
    }
  }
}
