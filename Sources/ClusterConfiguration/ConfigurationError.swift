/// Why a configuration file, or a duration given on the command line, cannot be used.
///
/// The description names the file, the key and what to do, so it can go to standard error as
/// it is: `cluster.toml: servers[2].timezone: unknown time zone Mars/Base; use an IANA name
/// such as Europe/Paris`.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The configuration file as the user named it; nil for a command-line value.
  public var file: String?
  /// Where in the file: a dotted key path with 0-based array indexes (`servers[2].timezone`),
  /// `line 3, column 7` for a syntax error, or nil for the whole file.
  public var location: String?
  /// What is wrong and what to do: lowercase, no trailing period.
  public var reason: String

  /// Creates an error.
  public init(file: String? = nil, location: String? = nil, reason: String) {
    self.file = file
    self.location = location
    self.reason = reason
  }

  /// The message for people: file, location and reason joined by `: `.
  public var description: String {
    [file, location, reason].compactMap { $0 }.joined(separator: ": ")
  }

  /// This error placed at `location` in `file`, keeping a location it already has.
  ///
  /// Used when a value parser that knows nothing of files (the duration parser) fails while
  /// reading a file.
  public func located(file: String?, location: String?) -> ConfigurationError {
    ConfigurationError(
      file: self.file ?? file, location: self.location ?? location, reason: reason)
  }
}
