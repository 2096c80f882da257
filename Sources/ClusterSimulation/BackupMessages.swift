/// The wording of every message the model logs about backups and the engine's state
/// (SPEC §3.3), written here rather than imported: the simulator never imports the audit.
enum BackupMessages {
  static let utility = "Utility.Event"
  static let generic = "Generic.Event"

  static let freezeBegin = "Backup.General.ExternalFreeze: Suspending system"
  static let frozen = "Backup.General.ExternalFreeze: System suspended"
  static func unjournaledDatabase(_ directory: String) -> String {
    "Backup.General.ExternalFreeze: Warning, \(directory) is not being journalled"
  }
  static func unjournaledSummary(_ count: Int) -> String {
    "Backup.General.ExternalFreeze: Warning, \(count) databases are not journalled, "
      + "data will be lost in them if system crashes while suspended"
  }
  static func freezeJournalFile(_ file: String) -> String {
    "Backup.General.ExternalFreeze: Start a journal restore for this backup with journal file: \(file)"
  }
  static func freezeFailed(_ reason: String) -> String {
    "Backup.General.ExternalFreeze: Failed to suspend system: \(reason)"
  }
  static let thawBegin = "Backup.General.ExternalThaw: Resuming system"
  static let thawed = "Backup.General.ExternalThaw: System resumed"
  static let alreadyResumed = "Backup.General.ExternalThaw: Already resumed"
  static func thawFailed(_ reason: String) -> String {
    "Backup.General.ExternalThaw: Failed to resume system: \(reason)"
  }
  static let quiesceBegin = "Backup.ShardedCluster.Quiesce: Quiescing system"
  static let quiesced = "Backup.ShardedCluster.Quiesce: System quiesced"
  static func quiesceTimeout(_ activities: String) -> String {
    "Backup.ShardedCluster.Quiesce: Timed out waiting for system to quiesce: \(activities)"
  }
  static let resumeBegin = "Backup.ShardedCluster.Resume: Resuming system"
  static let resumed = "Backup.ShardedCluster.Resume: System resumed"
  static func checkpoint(_ number: Int, _ file: String) -> String {
    "Backup.ShardedCluster.JournalCheckpoint: Checkpoint \(number) ends journal file \(file)"
  }
  static let journalHeader = "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE"
  static func journalSwitched(_ file: String) -> String { "Journaling switched to: \(file)" }
  /// `Instance 'IRIS' starting on node <host> by user irisowner on MM/DD/YYYY HH:MM:SS.mmm
  /// UTC` (IRIS 2024.1 and later), with the UTC instant the server's clock shows.
  static func instanceStart(node: String, utc: Int64) -> String {
    let days = TimeText.floorDivide(utc, 86_400_000)
    let date = CivilDate(daysSinceEpoch: Int(days))
    let clock = TimeText.clock(Int(utc - days * 86_400_000), separator: ".")
    return "Instance 'IRIS' starting on node \(node) by user irisowner on "
      + "\(TimeText.pad(date.month, 2))/\(TimeText.pad(date.day, 2))/\(date.year) \(clock) UTC"
  }
  static let abnormalShutdown =
    "Previous system shutdown was abnormal, system forced down or crashed"
  static let cleanShutdown = "Journal restore not required at next startup"

  static let freezeFailureReasons = [
    "ERROR #5005: Timed out waiting for write daemon to suspend",
    "ERROR #5001: Write daemon did not respond within 30 seconds",
  ]
  static let thawFailureReasons = [
    "ERROR #5002: Cache error: <PROTECT>ExternalThaw+14^Backup.General.1",
    "ERROR #5001: Write daemon did not acknowledge resume request",
  ]
  static let quiesceActivities = [
    "open transactions (2), pending ECP requests (14)",
    "pending journal writes (1), open transactions (5)",
    "running sets and kills (3)",
  ]

  /// The Startup block (an entry with an empty message and continuation lines).
  /// `recent`: a version that logs `instance-start` (2024.1) rather than one before it.
  static func startupLines(server: String, recent: Bool = false) -> [String] {
    let version =
      recent
      ? "2024.1 (Build 267.2U) Tue Apr 30 2024 16:06:39 EDT]"
      : "2023.1 (Build 235.1) Fri Jun 2 2023 13:26:47 EDT]"
    return [
      "Startup of InterSystems IRIS [IRIS for UNIX (Red Hat Enterprise Linux 8 for x86-64) "
        + version,
      "        in /usr/irissys/bin/",
      "        with mgr: /usr/irissys/mgr",
      "        with wij: /usr/irissys/mgr/IRIS.WIJ",
      "        from: /usr/irissys/mgr/",
      "  OS=[Linux], version=[#1 SMP Wed Apr 12 10:45:03 EDT 2023], release=[4.18.0-477.10.1.el8_8.x86_64], machine=[x86_64]",
      "  nodename=[\(server)].",
      "  numasyncwijbuf: 0, wdwrite_threads=8, wijdirectio=on, synctype=3",
      "  System Initialized.",
    ]
  }

  /// The recovery block's lines after `*** Recovery started at <date>`.
  static let recoveryLines = [
    "     Current default directory: /usr/irissys/mgr",
    "     Log file directory: ./",
    "     WIJ file spec: /usr/irissys/mgr/IRIS.WIJ",
    "     Recovering local (/usr/irissys/mgr/IRIS.WIJ) image journal file...",
    "     Starting WIJ recovery for '/usr/irissys/mgr/IRIS.WIJ'.",
    "     0 blocks pending in this WIJ.",
    "Exiting with status 3 (Success)",
  ]
}
