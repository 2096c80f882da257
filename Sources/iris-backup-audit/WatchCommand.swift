import ArgumentParser
import AuditPipeline
import AuditReports
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Set by SIGINT and SIGTERM; the watch loop ends at its next look.
nonisolated(unsafe) private var stopRequested: sig_atomic_t = 0

/// `watch`: follows the logs as they grow and says what changes, as it happens (SPEC §6).
struct WatchCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "watch",
    abstract: "Follow the logs and print events, sessions and findings as they happen.",
    discussion: """
      Prints one JSON object per line (type event, session or finding; the default when \
      standard output is not a terminal) or one text line per change. Findings that depend on \
      time alone, such as freeze-near-timeout at 80 % of the freeze timeout, come without \
      waiting for another log line. SIGINT and SIGTERM end it with exit status 0.
      """
  )

  @OptionGroup var reading: ReadingArguments

  @OptionGroup var thresholds: ThresholdArguments

  @Option(help: "json or text (default: json, or text on a terminal).")
  var format: String?

  @Option(
    name: .customLong("write"),
    help: "Rewrite a Prometheus textfile on every change, as prometheus=PATH.")
  var writes: [String] = []

  @Option(help: "How often to look at the files (default 250ms).")
  var poll: String = "250ms"

  func validate() throws {
    if let format, format != "json" && format != "text" {
      throw ValidationError("watch prints json or text, not \(format)")
    }
    if writes.contains(where: { !$0.hasPrefix("prometheus=") }) {
      throw ValidationError("watch writes only prometheus=PATH")
    }
  }

  func run() throws {
    var options = thresholds.applied(to: reading.options)
    options.writes = writes
    let pipeline = try Pipeline.make(options)
    let interval = try Pipeline.perform { try AuditRequest.pollInterval(poll) }
    let isText = format == "text" || (format == nil && isatty(STDOUT_FILENO) == 1)
    // A parent may have started this process with the signals blocked (a test runner, some
    // supervisors): unblock them, or SIGTERM would never arrive.
    var signals = sigset_t()
    sigemptyset(&signals)
    for signal in [SIGINT, SIGTERM] {
      var action = sigaction()
      action.__sigaction_handler.sa_handler = { _ in stopRequested = 1 }
      sigaction(signal, &action, nil)
      sigaddset(&signals, signal)
    }
    pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    let output = StandardOutput()
    LogWatcher(pipeline: pipeline).run(
      interval: interval, shouldStop: { stopRequested != 0 },
      emit: { change in
        if case .problem(let problem) = change {
          Diagnostics.warning(problem)
        } else if let line = isText ? WatchLine.text(change) : WatchLine.json(change) {
          output.write(Data((line + "\n").utf8))
        }
      },
      flush: { output.flush() },
      changed: { outcome in
        do {
          try pipeline.writeTargets(outcome.report)
        } catch {
          Diagnostics.warning(String(describing: error))
        }
      })
    output.flush()
  }
}
