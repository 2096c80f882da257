import Foundation
import LogParsing
import LogReading

/// How a server's logs are read.
public struct ReadingOptions: Sendable {
  /// The zone the server's log was written in.
  public var timeZone: TimeZone
  /// The year of the first legacy (year-less) entry; nil: from the file's modification time.
  public var legacyYear: Int?
  public var lineReader = LineReader.Configuration()
  public var scanner = EntryScanner.Configuration()
  /// False tries every pattern on every entry (for tests proving the prefilter loses nothing).
  public var usesPrefilter = true
  /// True reads each file whole into memory and splits it there (the slice path) instead of
  /// streaming it through the line buffer.
  public var readsWholeFiles = false
  /// The most entry fingerprints kept to recognise entries repeated across rotated files.
  public var maximumOverlapEntries = 1 << 18
  /// The envelope every file is read in; nil detects it per file from its first lines.
  public var envelope: Envelope?
  /// Kinds of event not kept. A reading for an audit alone leaves out what the audit never
  /// looks at (`Auditor.ignoredKinds`: journal switches, half the events of a long history);
  /// `events`, `watch` and the ledger keep every kind.
  public var droppedKinds: Set<EventKind> = []

  /// Creates options for a server in `timeZone`.
  public init(timeZone: TimeZone = .current, legacyYear: Int? = nil) {
    self.timeZone = timeZone
    self.legacyYear = legacyYear
  }
}
