/// Why the event stage cannot go on.
public enum EventsError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A catalogue pattern does not compile.
  case invalidPattern(pattern: String, offset: Int, reason: String)
  /// A catalogue entry names an event kind that does not exist.
  case unknownEventKind(String)

  public var description: String {
    switch self {
    case .invalidPattern(let pattern, let offset, let reason):
      "invalid pattern \(pattern) at offset \(offset): \(reason)"
    case .unknownEventKind(let name):
      "unknown event kind \(name); known kinds: "
        + EventKind.allCases.map(\.rawValue).joined(separator: ", ")
    }
  }
}
