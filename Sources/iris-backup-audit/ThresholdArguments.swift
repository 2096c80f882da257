import ArgumentParser
import AuditPipeline

/// The thresholds and roles `audit` and `watch` share.
struct ThresholdArguments: ParsableArguments {
  @Option(help: "The least severity that fails the exit status: warning or critical.")
  var failOn: String?

  @Option(help: "The freeze timeout (default 600s).")
  var freezeTimeout: String?

  @Option(help: "The longest acceptable quiesce (default 300s).")
  var maxQuiesce: String?

  @Option(help: "The clock skew tolerated between servers (default 2s).")
  var skewTolerance: String?

  @Option(help: "The recovery point objective, e.g. 26h (default: not checked).")
  var rpo: String?

  @Option(name: .customLong("restored"), help: "A server that is a restored copy, not production.")
  var restored: [String] = []

  /// `options` with these thresholds set.
  func applied(to options: AuditOptions) -> AuditOptions {
    var options = options
    options.failOn = failOn
    options.freezeTimeout = freezeTimeout
    options.maxQuiesce = maxQuiesce
    options.skewTolerance = skewTolerance
    options.rpo = rpo
    options.restored = restored
    return options
  }
}
