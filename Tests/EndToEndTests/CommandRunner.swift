import Foundation
import TestSupport

/// Runs the built `iris-backup-audit` binary and captures what it says.
struct CommandRunner {
  struct Result {
    var status: Int32
    var standardOutput: String
    var standardError: String
  }

  /// The binary next to the test bundle in the build folder; `IRIS_BACKUP_AUDIT_BINARY` names
  /// another (to run these tests against an older build, say).
  static var binary: URL {
    if let path = ProcessInfo.processInfo.environment["IRIS_BACKUP_AUDIT_BINARY"] {
      return URL(fileURLWithPath: path)
    }
    var folder = Bundle.main.bundleURL
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("iris-backup-audit")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder.deleteLastPathComponent()
    }
    let built = URL(fileURLWithPath: EventReading.packagePath(".build/debug/iris-backup-audit"))
    return built
  }

  /// Runs the binary with `arguments`; its output goes to files, not pipes, so that no pipe
  /// can fill up and no interrupted read can fail the test (Foundation's pipe reads trap on
  /// EINTR while a test thread sleeps).
  static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    try run(binary, arguments, input: input)
  }

  /// Runs `executable` (another program the tests drive, such as a browser) with `arguments`,
  /// capturing its output the same way.
  static func run(_ executable: URL, _ arguments: [String], input: Data? = nil) throws -> Result {
    let scratch = try TemporaryFolder()
    let outputPath = try scratch.write("stdout", text: "")
    let errorPath = try scratch.write("stderr", text: "")
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    let output = try FileHandle(forWritingTo: URL(fileURLWithPath: outputPath))
    let error = try FileHandle(forWritingTo: URL(fileURLWithPath: errorPath))
    process.standardOutput = output
    process.standardError = error
    if let input {
      process.standardInput = FileHandle(forReadingAtPath: try scratch.write("stdin", bytes: Array(input)))
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    try output.close()
    try error.close()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: try Data(contentsOf: URL(fileURLWithPath: outputPath)), as: UTF8.self),
      standardError: String(decoding: try Data(contentsOf: URL(fileURLWithPath: errorPath)), as: UTF8.self))
  }
}
