import BackupAudit
import BackupEvents
import LogReading
import TestSupport
import Testing

/// A reading for an audit alone leaves out the kinds of event the audit never looks at
/// (`Auditor.ignoredKinds`): the audit must come out exactly the same.
struct IgnoredKindsTests {
  @Test(arguments: ["faulty-month", "clean-week", "mixed-layouts"])
  func droppingTheIgnoredKindsChangesNoResult(sample: String) throws {
    let servers = try ServerDiscovery.discover(paths: [EventReading.packagePath("Samples/\(sample)")])
    let every = ServerLogReader.readAll(servers, options: { _ in EventReading.options() })
    let fewer = ServerLogReader.readAll(
      servers,
      options: { _ in
        var dropping = EventReading.options()
        dropping.droppedKinds = Auditor.ignoredKinds
        return dropping
      })
    // The test means something only if the sample logs what is dropped.
    let dropped = every.flatMap(\.events).filter { Auditor.ignoredKinds.contains($0.kind) }
    #expect(dropped.count > 0)
    #expect(fewer.flatMap(\.events).count == every.flatMap(\.events).count - dropped.count)
    #expect(!fewer.flatMap(\.events).contains { Auditor.ignoredKinds.contains($0.kind) })

    var configuration = AuditConfiguration()
    configuration.reportTime = 1_900_000_000_000
    let auditor = Auditor(configuration: configuration)
    #expect(auditor.audit(fewer) == auditor.audit(every))
    #expect(auditor.auditLastSession(fewer) == auditor.auditLastSession(every))
  }

  /// Journal switches and clean shutdowns between every step of every episode change nothing.
  @Test func ignoredEventsBetweenStepsChangeNoEpisode() throws {
    let reading = try EventReading.read(
      TestLog.cluster { master, _ in
        master.clusterFreeze(at: 100)
        master.add(130, "Backup.General.ExternalThaw: Start", pid: 910)
        master.add(3000, "Backup.General.ExternalFreeze: Start", pid: 911)
      }["master"]!.text, server: "master")
    let events = reading.events
    #expect(events.count >= 5)
    var interleaved: [BackupEvent] = []
    for event in events {
      interleaved.append(event)
      for kind in Auditor.ignoredKinds.sorted() {
        var ignored = event
        ignored.kind = kind
        ignored.text = "an ignored \(kind.rawValue)"
        interleaved.append(ignored)
      }
    }
    #expect(
      EpisodeBuilder.build(server: "master", events: interleaved).episodes
        == EpisodeBuilder.build(server: "master", events: events).episodes)
  }
}
