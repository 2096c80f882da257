import Foundation

/// The harnesses, one per kind of untrusted input the tool reads (Fuzz/README.md).
enum FuzzTarget: String, CaseIterable {
  /// Log bytes through `ServerLogReader`: lines, entries of every layout, events.
  case events
  /// One line through the structured-log parser and its allocation-free fast path.
  case structured
  /// Bytes through `DecompressingSource` and the gzip source.
  case gzip
  /// A configuration file through TOMLKit (toml++) and its validation.
  case configuration
  /// The durations and time arguments of the command line and the configuration.
  case durations
  /// The bytes of an evidence ledger's audit snapshot through `AuditSnapshot.decode`.
  case snapshot

  /// Runs `input` through this target's harness; a broken invariant stops the process.
  func run(_ input: UnsafeRawBufferPointer) {
    switch self {
    case .events: EventsHarness.run(input)
    case .structured: StructuredHarness.run(input)
    case .gzip: GzipHarness.run(input)
    case .configuration: ConfigurationHarness.run(input)
    case .durations: DurationsHarness.run(input)
    case .snapshot: SnapshotHarness.run(input)
    }
  }

  /// The target chosen on the replayer's command line, which `FUZZ_TARGET` otherwise names.
  nonisolated(unsafe) static var chosen: FuzzTarget?

  /// The target this process runs, read once.
  static var selected: FuzzTarget {
    if let chosen { return chosen }
    let name = ProcessInfo.processInfo.environment["FUZZ_TARGET"] ?? ""
    guard let target = FuzzTarget(rawValue: name) else {
      FileHandle.standardError.write(Data((usage + "\n").utf8))
      exit(2)
    }
    chosen = target
    return target
  }

  static var usage: String {
    let names = allCases.map(\.rawValue).joined(separator: ", ")
    return "set FUZZ_TARGET to one of \(names) (or name it first: "
      + "iris-backup-audit-fuzz TARGET FILE…)"
  }
}

/// Stops the process with `message` when `condition` is false, so that libFuzzer keeps the
/// input as a crash: the harnesses check what the code promises, not only that it survives.
func require(
  _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String,
  file: StaticString = #fileID, line: UInt = #line
) {
  guard !condition() else { return }
  fatalError("harness invariant broken: \(message())", file: file, line: line)
}
