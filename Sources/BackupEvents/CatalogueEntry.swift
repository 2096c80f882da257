/// One message shape of the catalogue: which event it is, the PCRE2 pattern of the whole
/// message, and a literal every matching message contains (for the prefilter).
public struct CatalogueEntry: Sendable, Equatable, Codable {
  /// Where the pattern is matched.
  public enum Scope: String, Sendable, Equatable, Codable {
    /// The first line's message, after `[Category]`.
    case firstLine = "first-line"
    /// The message with its continuation lines, joined by `\n`.
    case wholeEntry = "whole-entry"
  }

  public var kind: EventKind
  /// A PCRE2 pattern anchored to the message's shape; named groups `checkpoint`, `file`,
  /// `directory`, `count`, `reason`, `activities` carry fields.
  public var pattern: String
  public var scope: Scope
  /// A byte string that every message this pattern matches contains; nil disables the
  /// prefilter for this entry (it is then tried on every entry).
  public var literal: String?
  /// Where the wording comes from: seen in real logs, documented, or assumed (SPEC §3.3).
  public var evidence: String

  /// Creates a catalogue entry.
  public init(
    kind: EventKind, pattern: String, scope: Scope = .firstLine, literal: String?,
    evidence: String = "configured"
  ) {
    self.kind = kind
    self.pattern = pattern
    self.scope = scope
    self.literal = literal
    self.evidence = evidence
  }
}
