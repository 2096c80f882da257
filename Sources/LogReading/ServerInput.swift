/// One data server to read: its name and the files that hold its log.
public struct ServerInput: Sendable, Equatable, Codable {
  /// The server's name in reports (its folder's name unless named explicitly).
  public var name: String
  /// Its log files (`-` for standard input), sorted by name; the reader orders them by time.
  public var files: [String]

  /// Creates a server input.
  public init(name: String, files: [String]) {
    self.name = name
    self.files = files
  }
}
