/// Ordinary messages that mention a backup class, for `--decoy-share` (SPEC §8: "dense noise in
/// which backup class names appear in ordinary messages").
///
/// None is a backup event: a backup class's method called by a monitoring job and logged in
/// its own words, a task named after ExternalFreeze, a status query quoting a Resume. Every
/// one holds a backup class's name, so a reader's literal prefilter marks it and only the full
/// message shape can tell it from an event; none holds the wording of an event (the catalogue
/// test checks both) nor a continuation line, so a decoy replaces an ordinary message one for
/// one.
extension NoiseCatalogue {
  /// The raw definitions, as `definitions`: weight, severity, category, daemon?, text.
  static let decoyDefinitions: [(Int, UInt8, String, Bool, String)] = [
    (30, 0, "Utility.Event", false, "Backup.General.IsWDSuspended returned 0"),
    (12, 0, "Utility.Event", false, "Backup.General.IsWDSuspended() returned 0 for job {pid}"),
    (14, 0, "Utility.Event", false, "Task 'ExternalFreeze check' (ID 10{10-99}) started"),
    (
      14, 0, "Utility.Event", false,
      "Task 'ExternalFreeze check' (ID 10{10-99}) completed: no backup is running"
    ),
    (
      8, 0, "Utility.Event", false,
      "%SYS.Task: next run of 'ExternalFreeze check' scheduled for {10-23}:00"
    ),
    (
      10, 0, "Utility.Event", false,
      "Backup.General status query from job {pid}: write daemon is not suspended"
    ),
    (
      10, 0, "Utility.Event", false,
      "Status query from job {pid}: last Backup.ShardedCluster.Resume returned 1 at 0{1-5}:{10-59}"
    ),
    (
      6, 0, "Utility.Event", false,
      "Backup.ShardedCluster.GetStatus returned {idle|no backup in progress} for shard {1-8}"
    ),
    (
      6, 0, "Utility.Event", false,
      "Audit: user {azbackup|_SYSTEM} ran ##class(Backup.General).IsWDSuspended() from job {pid}"
    ),
    (
      5, 1, "Utility.Event", false,
      "Task 'ExternalThaw watchdog' (ID 11{10-99}) found no instance to resume"
    ),
    (
      4, 0, "Utility.Event", false,
      "Note from job {pid}: the backup script calls Backup.ShardedCluster.Quiesce at 21:{15-45}"
    ),
    (
      3, 0, "Utility.Event", false,
      "Backup.General.ExternalSetHistory recorded backup {1-9999} as complete"
    ),
  ]
}
