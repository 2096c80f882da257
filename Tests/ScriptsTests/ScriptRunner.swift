import Foundation
import TestSupport

/// What a script run said: its exit status, standard output and standard error.
struct ScriptRun {
  var status: Int32
  var standardOutput: String
  var standardError: String
}

/// Runs the scripts of `Samples/` with bash, as Azure Backup, cron or systemd start them,
/// in an environment of the test's making rather than the test runner's.
enum ScriptRunner {
  /// The path of `Samples/<relative>` in the package.
  static func sample(_ relative: String) -> String {
    EventReading.packagePath("Samples/" + relative)
  }

  /// The built `iris-backup-audit`: `$IRIS_BACKUP_AUDIT` when the test runner has it, else the
  /// binary in the build folder that holds the test bundle (whatever the scratch path), else
  /// nil: a test must not run a stale binary from another build folder.
  static var auditBinary: String? {
    if let given = ProcessInfo.processInfo.environment["IRIS_BACKUP_AUDIT"], !given.isEmpty {
      return given
    }
    let starts = [Bundle.main.bundleURL, URL(fileURLWithPath: CommandLine.arguments[0])]
    for start in starts {
      var folder = start
      for _ in 0..<5 {
        let candidate = folder.appendingPathComponent("iris-backup-audit").path
        if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        folder.deleteLastPathComponent()
      }
    }
    return nil
  }

  /// `name` on the test runner's PATH, or nil.
  static func onPath(_ name: String) -> String? {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
    for folder in path.split(separator: ":") {
      let candidate = "\(folder)/\(name)"
      if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// The runner's PATH, for an environment that adds a folder before it.
  static var systemPath: String {
    ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
  }

  /// Runs `executable` with `arguments` and exactly `environment` (plus HOME and LANG), its
  /// output captured through files in `scratch` so that no pipe can fill up and block it.
  static func run(
    _ executable: String, _ arguments: [String], environment: [String: String], scratch: String
  ) throws -> ScriptRun {
    let name = UUID().uuidString
    let outputPath = "\(scratch)/\(name).stdout"
    let errorPath = "\(scratch)/\(name).stderr"
    for path in [outputPath, errorPath]
    where !FileManager.default.createFile(atPath: path, contents: nil) {
      throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
    }
    defer {
      try? FileManager.default.removeItem(atPath: outputPath)
      try? FileManager.default.removeItem(atPath: errorPath)
    }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    var base = ["HOME": scratch, "LANG": "C.UTF-8", "PATH": systemPath]
    // Under `make sanitize` the sanitizers' settings reach the binaries the scripts run.
    for name in ["ASAN_OPTIONS", "UBSAN_OPTIONS", "TSAN_OPTIONS", "LSAN_OPTIONS"] {
      base[name] = ProcessInfo.processInfo.environment[name]
    }
    base.merge(environment) { _, given in given }
    process.environment = base
    process.standardInput = FileHandle.nullDevice
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    process.standardOutput = output
    process.standardError = error
    try process.run()
    process.waitUntilExit()
    try output.close()
    try error.close()
    return ScriptRun(
      status: process.terminationStatus,
      standardOutput: try String(contentsOfFile: outputPath, encoding: .utf8),
      standardError: try String(contentsOfFile: errorPath, encoding: .utf8))
  }

  /// Runs `Samples/<script>` with `/bin/bash`.
  static func runScript(
    _ script: String, _ arguments: [String] = [], environment: [String: String], scratch: String
  ) throws -> ScriptRun {
    try run("/bin/bash", [sample(script)] + arguments, environment: environment, scratch: scratch)
  }
}
