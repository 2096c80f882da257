/// The shapes an entry's first line can take (SPEC §3.1).
public enum EntryLayout: String, Sendable, Codable, CaseIterable {
  /// `MM/DD/YY-HH:MM:SS:mmm (pid) sev [Category] message`.
  case iris
  /// The same without a `[Category]`.
  case irisWithoutCategory = "iris-no-category"
  /// Caché's layout: like IRIS without a category (told apart only by the file, so not here).
  case legacy
  /// `*** Recovery started at <date>`, the untimestamped block startup recovery writes.
  case recovery
  /// irislogd's `when="…" pid=… level=… event=… text="…"` lines.
  case structuredPairs = "structured-pairs"
  /// irislogd's JSON lines.
  case structuredJSON = "structured-json"
}
