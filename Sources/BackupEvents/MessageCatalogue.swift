/// The message wordings that make events (SPEC §3.3), as data a configuration can extend or
/// override, because wording varies between IRIS and Caché versions.
///
/// Every pattern matches the whole message shape, not a substring, so that a task named
/// "ExternalFreeze check" or a write daemon's "Freezing system" is no event.
public struct MessageCatalogue: Sendable, Equatable {
  /// Entries in the order they are tried; the first that matches wins.
  public var entries: [CatalogueEntry]

  /// Creates a catalogue.
  public init(entries: [CatalogueEntry]) {
    self.entries = entries
  }

  /// This catalogue with `additions` tried first, and every entry of a kind in `replacing`
  /// removed (a configuration's overrides). The `unrecognised` entry stays: a replaced
  /// wording that still appears in a log is then reported, not dropped.
  public func merged(with additions: [CatalogueEntry], replacing: Set<EventKind> = [])
    -> MessageCatalogue
  {
    MessageCatalogue(
      entries: additions
        + entries.filter { !replacing.subtracting([.unrecognised]).contains($0.kind) })
  }

  /// The default catalogue.
  public static let standard = MessageCatalogue(entries: [
    backup(.freezeBegin, "General.ExternalFreeze: Suspending system", "seen"),
    backup(
      .unjournaledDatabase,
      "General.ExternalFreeze: Warning, (?<directory>.+?) is not being journall?ed", "seen"),
    backup(
      .unjournaledSummary,
      "General.ExternalFreeze: Warning, (?<count>\\d+) databases? (?:are|is) not journall?ed"
        + ", data will be lost in them if system crashes while suspended", "seen"),
    backup(
      .freezeJournalFile,
      "General.ExternalFreeze: Start a journal restore for this backup with journal file: "
        + "(?<file>\\S.*?)", "seen"),
    backup(.frozen, "General.ExternalFreeze: System suspended", "seen"),
    backup(
      .freezeFailed, "General.ExternalFreeze: Failed to suspend system(?::\\s*(?<reason>.*?))?",
      "assumed"),
    backup(.thawBegin, "General.ExternalThaw: Resuming system", "seen"),
    backup(.thawed, "General.ExternalThaw: System resumed", "seen"),
    backup(.alreadyResumed, "General.ExternalThaw: Already resumed", "doc"),
    backup(
      .thawFailed, "General.ExternalThaw: Failed to resume system(?::\\s*(?<reason>.*?))?",
      "assumed"),
    backup(.quiesceBegin, "ShardedCluster.Quiesce: Quiescing system", "doc"),
    backup(.quiesced, "ShardedCluster.Quiesce: System quiesced", "doc"),
    backup(
      .quiesceTimeout,
      "ShardedCluster.Quiesce: Timed out waiting for system to quiesce(?::\\s*(?<activities>.*?))?",
      "assumed"),
    backup(.resumeBegin, "ShardedCluster.Resume: Resuming system", "doc"),
    backup(.resumed, "ShardedCluster.Resume: System resumed", "doc"),
    backup(
      .journalCheckpoint,
      "ShardedCluster.JournalCheckpoint: Checkpoint (?<checkpoint>\\d{1,18}) ends journal file "
        + "(?<file>\\S.*?)", "assumed"),
    CatalogueEntry(
      kind: .journalSwitch,
      pattern: "^\\s*(?:INTERSYSTEMS IRIS|InterSystems IRIS|CACH[EÉ]|Cach[eé]) JOURNALING SYSTEM "
        + "MESSAGE\\s*\\n\\s*Journaling switched to:\\s*(?<file>\\S[^\\n]*?)\\s*(?:\\n|$)",
      scope: .wholeEntry, literal: "JOURNALING SYSTEM MESSAGE", evidence: "seen"),
    CatalogueEntry(
      kind: .startup, pattern: "^\\s*Startup of (?:InterSystems IRIS|Cach[eé])",
      scope: .wholeEntry, literal: "Startup of ", evidence: "seen"),
    CatalogueEntry(
      kind: .recovery, pattern: "^\\*\\*\\* Recovery started at ", literal: "*** Recovery started",
      evidence: "seen"),
    CatalogueEntry(
      kind: .abnormalShutdown,
      pattern: "^Previous system shutdown was abnormal, system forced down or crashed\\.?\\s*$",
      literal: "shutdown was abnormal", evidence: "doc"),
    CatalogueEntry(
      kind: .instanceStart,
      pattern: "^Instance '[^']*' starting on node \\S+ by user \\S+ on "
        + "(?<utc>\\d\\d/\\d\\d/\\d{4} \\d\\d:\\d\\d:\\d\\d(?:\\.\\d{1,3})?) UTC\\s*$",
      literal: "starting on node", evidence: "seen"),
    // Last of the backup classes' entries: whatever they log that nothing above matched.
    CatalogueEntry(
      kind: .unrecognised,
      pattern: "^Backup\\.(?<method>(?:General|ShardedCluster)\\.[A-Za-z]\\w*)(?:\\(\\))?:\\s*"
        + "(?<reason>.*?)\\s*$",
      literal: "Backup.", evidence: "-"),
    CatalogueEntry(
      kind: .cleanShutdown, pattern: "^Journal restore not required at next startup\\.?\\s*$",
      literal: "Journal restore not required", evidence: "seen"),
  ])

  /// A `Backup.<class>.<method>: <message>` entry, matched against the whole first line.
  private static func backup(_ kind: EventKind, _ shape: String, _ evidence: String)
    -> CatalogueEntry
  {
    CatalogueEntry(
      kind: kind, pattern: "^Backup\\." + shape + "\\s*$", literal: "Backup.", evidence: evidence)
  }
}
