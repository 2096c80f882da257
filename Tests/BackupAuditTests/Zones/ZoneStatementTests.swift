import BackupAudit
import BackupEvents
import TestSupport
import Testing

/// What `instance-start` lines state about a server's clock.
struct ZoneStatementTests {
  func statement(_ lines: [(Double, String)], zone: String = "UTC") throws -> ZoneStatement? {
    var log = TestLog()
    for (second, utc) in lines {
      log.add(
        second, "Instance 'IRIS' starting on node h1 by user irisowner on \(utc) UTC",
        category: "Generic.Event")
    }
    log.add(20_000, "Backup.General.ExternalFreeze: Suspending system")
    let reading = try EventReading.read(log.text, options: EventReading.options(zone))
    return ZoneStatement(events: reading.events)
  }

  @Test func aRightZoneStatesItsOffsetAndCorrectsNothing() throws {
    // 08/11/21 05:00:00 local in Berlin (summer) is 03:00:00 UTC.
    let found = try #require(try statement([(0, "08/11/2021 03:00:00.000")], zone: "Europe/Berlin"))
    #expect(found.statedOffset == "+02:00")
    #expect(found.mismatches.isEmpty)
    #expect(found.correction(at: 0) == 0)
  }

  @Test func aWrongZoneIsAMismatchCorrectedByTheStatedOffset() throws {
    let found = try #require(try statement([(0, "08/10/2021 23:30:00.000")]))
    #expect(found.statedOffset == "+05:30")
    #expect(found.mismatches.count == 1)
    #expect(found.correction(at: 1_628_658_000_000) == -19_800_000)
  }

  @Test func lessThanAMinuteIsTheClocksPrecision() throws {
    let found = try #require(try statement([(0, "08/11/2021 05:00:40.000")]))
    #expect(found.mismatches.isEmpty)
  }

  @Test func eachStartCorrectsWhatFollowsIt() throws {
    let found = try #require(
      try statement([(0, "08/10/2021 23:30:00.000"), (10_000, "08/11/2021 07:46:40.000")]))
    #expect(found.correction(at: 1_628_658_000_000 + 5_000_000) == -19_800_000)
    #expect(found.correction(at: 1_628_658_000_000 + 15_000_000) == 0)
  }

  @Test func noStartNoStatement() throws {
    #expect(try statement([]) == nil)
  }

  @Test func offsetsAreWrittenWithSignAndMinutes() {
    #expect(ZoneStatement.offsetText(330) == "+05:30")
    #expect(ZoneStatement.offsetText(-240) == "-04:00")
    #expect(ZoneStatement.offsetText(0) == "+00:00")
  }
}
