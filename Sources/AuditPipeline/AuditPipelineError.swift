/// Why the pipeline could not do what was asked: each is one line for standard error, and
/// exit status 3 (SPEC §6, §9).
public enum AuditPipelineError: Error, Equatable, CustomStringConvertible {
  /// A flag's value, or a combination of flags, is not usable.
  case usage(String)
  /// The inputs or the configuration file cannot be used (missing, unreadable, invalid).
  case input(String)
  /// A report file cannot be written.
  case output(String)

  public var description: String {
    switch self {
    case .usage(let message), .input(let message), .output(let message): message
    }
  }
}
