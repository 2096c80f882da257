import TestSupport
import Testing

@testable import ClusterSimulation

/// Noise is never mistaken for a backup event, and the calendar arithmetic the writer relies
/// on agrees with Foundation's zones.
@Suite struct CatalogueTests {
  /// Wording that belongs to the events of SPEC §3.3 only.
  static let eventWording = [
    "Suspending system", "System suspended", "Resuming system", "System resumed",
    "Already resumed", "Quiescing system", "System quiesced", "JOURNALING SYSTEM MESSAGE",
    "Journaling switched to", "Startup of InterSystems", "Recovery started",
    "Previous system shutdown was abnormal", "Journal restore not required",
    "Failed to suspend", "Failed to resume", "Timed out waiting for system to quiesce",
    "ends journal file", "not being journalled", "are not journalled", "Start a journal restore",
    "starting on node",
  ]

  /// Every unknown wording the simulator writes, with its severity.
  static let unrecognisedWordings =
    UnrecognisedWording.freezeNotes
    + UnrecognisedWording.thawReplies.map { ($0, 2) }
    + UnrecognisedWording.freezeFailures.map { ($0, 2) }

  @Test func noiseTemplatesAvoidEventWording() {
    for definition in NoiseCatalogue.definitions {
      for wording in CatalogueTests.eventWording {
        #expect(!definition.4.contains(wording), "noise template uses \(wording)")
      }
    }
  }

  @Test func decoysMentionABackupClassOnOneLineWithoutEventWording() {
    for definition in NoiseCatalogue.decoyDefinitions {
      let text = definition.4
      #expect(DecoyShareTests.mentions.contains { text.contains($0) }, "\(text)")
      #expect(!text.contains("\n") && !text.contains("\"") && !text.contains("\\"), "\(text)")
      for wording in CatalogueTests.eventWording {
        #expect(!text.contains(wording), "decoy uses \(wording)")
      }
    }
  }

  @Test func modelEntriesWithoutAnEventAvoidEventWording() throws {
    var configuration = SimulationFixtures.configuration(
      days: 30, faults: SimulationFixtures.everyFault)
    configuration.start = CivilDate(year: 2021, month: 10, day: 10)
    let model = try ClusterSimulator.model(configuration)
    var decoys = 0
    for server in model.servers {
      for entry in server.entries where entry.event == nil {
        for wording in CatalogueTests.eventWording {
          #expect(!entry.text.contains(wording), "\(server.name): \(entry.text)")
        }
        if entry.text.contains("ExternalFreeze") || entry.text.contains("Backup.General")
          || entry.text.hasPrefix("Daemon WRTDMN")
        {
          decoys += 1
        }
      }
    }
    #expect(decoys >= 4)
  }

  @Test func unknownWordingsHaveTheBackupShapeAndNoKnownWording() throws {
    var text = ""
    for (index, wording) in CatalogueTests.unrecognisedWordings.enumerated() {
      #expect(wording.0.hasPrefix("Backup.General.External"), "\(wording.0)")
      for known in CatalogueTests.eventWording {
        #expect(!wording.0.contains(known), "\(wording.0) uses \(known)")
      }
      text +=
        "08/11/21-05:49:\(10 + index):233 (1837\(index)) \(wording.1) [Utility.Event] "
        + wording.0 + "\n"
    }
    // The reader finds no known event in them; once it knows `unrecognised`, one each.
    let reading = try EventReading.read(text)
    #expect(reading.events.allSatisfy { $0.kind.rawValue == "unrecognised" })
    if !SimulationFixtures.namesTheReaderLacks.contains("unrecognised") {
      #expect(reading.events.count == CatalogueTests.unrecognisedWordings.count)
    }
  }

  @Test func templatesCompileIntoTheirParts() {
    let parts = NoiseCatalogue.compile("usage {81-89}% of {a|b} by {pid}")
    #expect(parts.count == 6)
    if case .number(let low, let high) = parts[1] {
      #expect(low == 81 && high == 89)
    } else {
      Issue.record("no number")
    }
    if case .choice(let choices) = parts[3] {
      #expect(choices.count == 2)
    } else {
      Issue.record("no choice")
    }
    if case .pid = parts[5] {} else { Issue.record("no pid") }
  }

  @Test(arguments: [-800_000, -1, 0, 1, 18_850, 19_000, 59_000, 2_932_896])
  func civilDatesRoundTrip(days: Int) {
    let date = CivilDate(daysSinceEpoch: days)
    #expect(date.daysSinceEpoch == days)
  }

  @Test func civilDatesParseAndRejectImpossibleDays() {
    #expect(CivilDate(parsing: "2021-10-31") == CivilDate(year: 2021, month: 10, day: 31))
    #expect(CivilDate(parsing: "2021-02-29") == nil)
    #expect(CivilDate(parsing: "2021-1-05") == nil)
    #expect(CivilDate(year: 2021, month: 8, day: 11).weekday == 3)
  }

  @Test func berlinRepeatsAnHourOnTheLastSundayOfOctober() {
    let day = Int64(CivilDate(year: 2021, month: 10, day: 31).daysSinceEpoch) * 86_400_000
    let zone = ZoneTable(identifier: "Europe/Berlin", from: day - 86_400_000, to: day + 86_400_000)!
    let hour: Int64 = 3_600_000
    // 02:30 local happens at 00:30 UTC (CEST) and again at 01:30 UTC (CET).
    #expect(zone.isAmbiguous(local: day + 2 * hour + hour / 2))
    #expect(!zone.isAmbiguous(local: day + 3 * hour + hour / 2))
    #expect(zone.instant(local: day + 2 * hour + hour / 2) == day + hour / 2)
    #expect(zone.local(day + hour + hour / 2) == day + 2 * hour + hour / 2)
    #expect(zone.ambiguousFirstPasses == [(day)...(day + hour)])
  }

  @Test func rfc3339TimesHaveMilliseconds() {
    #expect(TimeText.rfc3339(1_628_660_983_233) == "2021-08-11T05:49:43.233Z")
    #expect(TimeText.rfc3339(-1) == "1969-12-31T23:59:59.999Z")
  }
}
