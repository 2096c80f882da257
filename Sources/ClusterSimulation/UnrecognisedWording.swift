/// Wordings from the backup classes that the default catalogue does not know (SPEC §3.3): a
/// correct audit reports each as `unrecognised-backup-message` and keeps reading the episode.
/// They have the real shape, `Backup.General.<Method>: <text>` after `[Utility.Event]`, and
/// none of them matches a catalogue entry's wording.
enum UnrecognisedWording: Sendable, Equatable {
  /// An extra informational line inside a healthy freeze (severity 0 or 1: a warning).
  case freezeNote
  /// The thaw's reply after "Resuming system" is unknown and severe, and no "System resumed"
  /// follows (`thaw-unconfirmed` as well).
  case thawReply
  /// The freeze fails with an unknown severe line instead of "System suspended"
  /// (`freeze-failed` as well); the script's thaw then logs "Already resumed".
  case freezeFailure

  /// Notes with their severities.
  static let freezeNotes: [(text: String, severity: Int)] = [
    ("Backup.General.ExternalFreeze: Flushing buffers", 0),
    ("Backup.General.ExternalFreeze: Waiting for the write daemon to finish its cycle", 0),
    ("Backup.General.ExternalFreeze: Journal buffers written to disk", 0),
    ("Backup.General.ExternalFreeze: Warning, a journal switch is pending", 1),
  ]
  /// Severe replies of a thaw that did not resume the write daemon (severity 2).
  static let thawReplies = [
    "Backup.General.ExternalThaw: Write daemon did not respond",
    "Backup.General.ExternalThaw: Timed out waiting for the write daemon to resume",
  ]
  /// Severe failures of a freeze (severity 2).
  static let freezeFailures = [
    "Backup.General.ExternalFreeze: Could not suspend write daemon",
    "Backup.General.ExternalFreeze: Write daemon suspension aborted after 30 seconds",
  ]

  /// A variant: in a cluster freeze a note or a thaw reply (a failed freeze there would fail
  /// every member's freeze, a session of another kind); on an instance, any of the three.
  static func pick(_ rng: inout SplitMix64, inCluster: Bool) -> UnrecognisedWording {
    rng.pick(inCluster ? [.freezeNote, .thawReply] : [.freezeNote, .thawReply, .freezeFailure])
  }
}
