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

  static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let output = Pipe()
    let error = Pipe()
    process.standardOutput = output
    process.standardError = error
    let inputPipe = Pipe()
    process.standardInput = input == nil ? FileHandle.nullDevice : inputPipe
    try process.run()
    if let input {
      inputPipe.fileHandleForWriting.write(input)
      try inputPipe.fileHandleForWriting.close()
    }
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = error.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus,
      standardOutput: String(decoding: outputData, as: UTF8.self),
      standardError: String(decoding: errorData, as: UTF8.self))
  }
}
