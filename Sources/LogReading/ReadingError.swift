/// Why an input could not be read; every message names the input and what went wrong.
public enum ReadingError: Error, Equatable, Sendable, CustomStringConvertible {
  /// The file could not be opened.
  case cannotOpen(path: String, reason: String)
  /// Reading failed part way.
  case cannotRead(path: String, reason: String)
  /// The gzip stream is damaged or ends early.
  case corruptCompressedData(path: String, reason: String)
  /// A path on the command line names nothing that holds a log.
  case noLogFound(path: String)
  /// Two inputs would be the same server.
  case duplicateServerName(name: String, paths: [String])
  /// A `--server` argument is not `NAME=PATH`.
  case invalidServerArgument(String)

  public var description: String {
    switch self {
    case .cannotOpen(let path, let reason): "cannot read \(path): \(reason)"
    case .cannotRead(let path, let reason): "cannot read \(path): \(reason)"
    case .corruptCompressedData(let path, let reason):
      "cannot decompress \(path): \(reason); the lines before the damage were read"
    case .noLogFound(let path):
      "no messages.log or cconsole.log in \(path) or its subfolders; name a log file or use --server NAME=PATH"
    case .duplicateServerName(let name, let paths):
      "two inputs are both server \(name) (\(paths.joined(separator: ", "))); name them with --server NAME=PATH"
    case .invalidServerArgument(let text):
      "--server takes NAME=PATH, not \(text)"
    }
  }
}
