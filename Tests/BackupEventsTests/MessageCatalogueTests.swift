import BackupEvents
import TestSupport
import Testing

struct MessageCatalogueTests {
  struct Case: CustomTestStringConvertible, Sendable {
    var line: String
    var kind: EventKind
    var checkpoint: Int? = nil
    var journalFile: String? = nil
    var directory: String? = nil
    var count: Int? = nil
    var reason: String? = nil
    var statedUTC: Int64? = nil
    var method: String? = nil
    var testDescription: String { kind.rawValue }
  }

  static let prefix = "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] "

  static let cases: [Case] = [
    Case(line: prefix + "Backup.General.ExternalFreeze: Suspending system", kind: .freezeBegin),
    Case(
      line: "08/11/21-05:49:43:240 (18374) 1 [Utility.Event] Backup.General.ExternalFreeze: Warning, /iris/db/scratch/ is not being journalled",
      kind: .unjournaledDatabase, directory: "/iris/db/scratch/"),
    Case(
      line: prefix + "Backup.General.ExternalFreeze: Warning, 3 databases are not journalled, data will be lost in them if system crashes while suspended",
      kind: .unjournaledSummary, count: 3),
    Case(
      line: "08/11/21-05:49:43:342 (18374) 0 [Generic.Event] INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE\nJournaling switched to: /iris/journal1/20210811.003",
      kind: .journalSwitch, journalFile: "/iris/journal1/20210811.003"),
    Case(
      line: prefix + "Backup.General.ExternalFreeze: Start a journal restore for this backup with journal file: /iris/journal1/20210811.003",
      kind: .freezeJournalFile, journalFile: "/iris/journal1/20210811.003"),
    Case(line: prefix + "Backup.General.ExternalFreeze: System suspended", kind: .frozen),
    Case(
      line: "08/11/21-05:49:43:233 (18374) 2 [Utility.Event] Backup.General.ExternalFreeze: Failed to suspend system: ERROR #5001: shard 2 unreachable",
      kind: .freezeFailed, reason: "ERROR #5001: shard 2 unreachable"),
    Case(line: prefix + "Backup.General.ExternalThaw: Resuming system", kind: .thawBegin),
    Case(line: prefix + "Backup.General.ExternalThaw: System resumed", kind: .thawed),
    Case(line: prefix + "Backup.General.ExternalThaw: Already resumed", kind: .alreadyResumed),
    Case(
      line: prefix + "Backup.General.ExternalThaw: Failed to resume system: timeout",
      kind: .thawFailed, reason: "timeout"),
    Case(line: prefix + "Backup.ShardedCluster.Quiesce: Quiescing system", kind: .quiesceBegin),
    Case(line: prefix + "Backup.ShardedCluster.Quiesce: System quiesced", kind: .quiesced),
    Case(
      line: prefix + "Backup.ShardedCluster.Quiesce: Timed out waiting for system to quiesce: open transactions, ECP requests",
      kind: .quiesceTimeout, reason: "open transactions, ECP requests"),
    Case(line: prefix + "Backup.ShardedCluster.Resume: Resuming system", kind: .resumeBegin),
    Case(line: prefix + "Backup.ShardedCluster.Resume: System resumed", kind: .resumed),
    Case(
      line: prefix + "Backup.ShardedCluster.JournalCheckpoint: Checkpoint 1234 ends journal file /iris/journal1/20210811.002",
      kind: .journalCheckpoint, checkpoint: 1234, journalFile: "/iris/journal1/20210811.002"),
    Case(
      line: "06/26/23-08:02:18:110 (144145) 0 [Generic.Event]\nStartup of InterSystems IRIS [IRIS for UNIX (Red Hat Enterprise Linux 8 for x86-64) 2023.1 (Build 235.1) Fri Jun 2 2023 13:26:47 EDT]\n        in ../bin/",
      kind: .startup),
    Case(line: "01/25/16-14:35:28:684 (7750) 0 Startup of Caché Version 2016.1", kind: .startup),
    Case(
      line: "*** Recovery started at Wed Aug 11 06:12:30 2021\n     Current default directory: /usr/irissys/mgr\nExiting with status 3 (Success)",
      kind: .recovery),
    Case(
      line: "08/11/21-06:12:31:402 (31600) 2 [Generic.Event] Previous system shutdown was abnormal, system forced down or crashed",
      kind: .abnormalShutdown),
    Case(
      line: "08/11/21-06:20:00:000 (31700) 0 [Generic.Event] Journal restore not required at next startup",
      kind: .cleanShutdown),
    Case(
      line: "03/26/25-11:13:16:626 (7212) 0 [Generic.Event] Instance 'IRIS' starting on node WIN-7Q1 by user SYSTEM on 03/26/2025 05:43:16.626 UTC",
      kind: .instanceStart, statedUTC: 1_742_967_796_626),
    Case(
      line: "08/11/21-05:49:43:233 (18374) 2 [Utility.Event] Backup.General.ExternalThaw: Write daemon did not respond",
      kind: .unrecognised, reason: "Write daemon did not respond", method: "General.ExternalThaw"),
  ]

  @Test(arguments: cases)
  func recognisesEveryCatalogueMessage(test: Case) throws {
    for usesPrefilter in [true, false] {
      var options = EventReading.options()
      options.usesPrefilter = usesPrefilter
      let events = try EventReading.read(test.line + "\n", options: options).events
      try #require(events.count == 1, "\(test.line)")
      let event = events[0]
      #expect(event.kind == test.kind)
      #expect(event.checkpoint == test.checkpoint)
      #expect(event.journalFile == test.journalFile)
      #expect(event.directory == test.directory)
      #expect(event.count == test.count)
      #expect(event.reason == test.reason)
      #expect(event.statedUTC == test.statedUTC)
      #expect(event.method == test.method)
      #expect(event.line == 1)
    }
  }

  @Test func everyEventKindHasACase() {
    #expect(Set(Self.cases.map(\.kind)) == Set(EventKind.allCases))
  }

  @Test(arguments: [
    "Task 'ExternalFreeze check' completed",
    "Daemon WRTDMN (pid 182058) died. Freezing system",
    "Error: <PROTECT> in ^%SYS.BackupCheck: Backup.General status query",
    "Running Backup.General.ExternalFreeze: Suspending system",
    "Backup.General.IsWDSuspended() returned 1 (System suspended)",
    "Backup.General status query from job 4711: write daemon is not suspended",
    "Journaling switched to: /iris/journal1/20210811.003",
    "Startup of the task manager",
    "Previous system shutdown was abnormal, or so the operator says",
  ])
  func decoysAreNoEvents(message: String) throws {
    let line = "08/11/21-05:50:40:000 (1805) 2 [Generic.Event] \(message)\n"
    #expect(try EventReading.read(line).events.isEmpty)
  }

  /// Near misses of the catalogue's wordings are messages of the backup classes all the same:
  /// never the event they resemble, always `unrecognised` (SPEC §3.3).
  @Test(arguments: [
    "Backup.General.ExternalFreeze: Suspending system and more",
    "Backup.General.ExternalThaw: System resumed?",
    "Backup.ShardedCluster.JournalCheckpoint: Checkpoint x ends journal file /j/1",
    "Backup.General.ExternalFreeze(): Suspending system",
  ])
  func nearMissesAreUnrecognised(message: String) throws {
    let line = "08/11/21-05:50:40:000 (1805) 2 [Utility.Event] \(message)\n"
    #expect(try EventReading.read(line).events.map(\.kind) == [.unrecognised])
  }

  @Test func anImpossibleStatedTimeStatesNothing() throws {
    let line = Self.prefix + "Instance 'IRIS' starting on node h1 by user me on 13/45/2025 05:43:16.626 UTC\n"
    let events = try EventReading.read(line).events
    #expect(events.map(\.kind) == [.instanceStart])
    #expect(events.first?.statedUTC == nil)
  }

  @Test func journalSwitchFromACacheLog() throws {
    let events = try EventReading.read(
      "01/25/16-14:35:28:684 (7750) 0 CACHE JOURNALING SYSTEM MESSAGE\nJournaling switched to: /cache/journal/20160125.002\n"
    ).events
    #expect(events.map(\.journalFile) == ["/cache/journal/20160125.002"])
  }

  @Test func configuredAdditionsComeFirst() throws {
    let catalogue = MessageCatalogue.standard.merged(
      with: [CatalogueEntry(kind: .frozen, pattern: "^Backup\\.General\\.ExternalFreeze: System frozen$", literal: "System frozen")],
      replacing: [.freezeBegin])
    let compiled = try CompiledCatalogue(catalogue)
    let folder = try TemporaryFolder()
    let path = try folder.write("ds1/messages.log", text: Self.prefix + "Backup.General.ExternalFreeze: System frozen\n" + Self.prefix + "Backup.General.ExternalFreeze: Suspending system\n")
    let reading = ServerLogReader(options: EventReading.options(), catalogue: compiled)
      .read(.init(name: "ds1", files: [path]))
    // The replaced wording is no freeze-begin any more, and not dropped either.
    #expect(reading.events.map(\.kind) == [.frozen, .unrecognised])
  }

  @Test func invalidPatternsAreReported() {
    #expect(throws: EventsError.self) {
      try CompiledCatalogue(MessageCatalogue(entries: [CatalogueEntry(kind: .frozen, pattern: "(unclosed", literal: nil)]))
    }
  }
}
