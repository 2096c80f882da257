import BackupEvents
import Foundation
import LogParsing
import Testing

/// `BackupEvent` is a value whose fields live in a shared box: copies share it until one of
/// them changes, and nothing about it may show.
struct BackupEventTests {
  static func freeze(line: Int = 7) -> BackupEvent {
    BackupEvent(
      server: "ds1", path: "/logs/messages.log", line: line, epochMilliseconds: 1_700_000_000_123,
      localTime: LocalTimestamp(
        year: 2023, month: 11, day: 14, hour: 22, minute: 13, second: 20, millisecond: 123),
      pid: 4242, severity: 0, category: "Utility.Event", kind: .freezeBegin,
      text: "11/14/23-22:13:20:123 (4242) 0 [Utility.Event] Backup.General.ExternalFreeze: Start")
  }

  @Test func aChangedCopyLeavesTheOriginalAlone() {
    let original = Self.freeze()
    var copy = original
    #expect(copy == original)
    copy.epochMilliseconds += 1
    copy.text = "changed"
    copy.checkpoint = 42
    #expect(original.epochMilliseconds == 1_700_000_000_123)
    #expect(original.text.hasSuffix("ExternalFreeze: Start"))
    #expect(original.checkpoint == nil)
    #expect(copy.epochMilliseconds == 1_700_000_000_124)
    #expect(copy.checkpoint == 42)
    #expect(copy != original)
  }

  @Test func copiesInAnArrayChangeOneByOne() {
    var events = Array(repeating: Self.freeze(), count: 3)
    events[1].line = 99
    events[2].reason = "timed out"
    #expect(events.map(\.line) == [7, 99, 7])
    #expect(events.map(\.reason) == [nil, nil, "timed out"])
  }

  @Test func rareFieldsAreSetChangedAndCleared() {
    var event = Self.freeze()
    event.journalFile = "/j/20231114.003"
    event.statedUTC = 5
    event.method = "General.ExternalThaw"
    event.directory = "/db/a/"
    event.count = 3
    #expect(event.journalFile == "/j/20231114.003")
    #expect(event.statedUTC == 5)
    #expect(event.method == "General.ExternalThaw")
    #expect(event.directory == "/db/a/")
    #expect(event.count == 3)
    event.journalFile = nil
    event.statedUTC = nil
    event.method = nil
    event.directory = nil
    event.count = nil
    // Cleared, it equals an event that never had them.
    #expect(event == Self.freeze())
  }

  @Test func equalityComparesEveryField() {
    var other = Self.freeze()
    other.severity = 1
    #expect(other != Self.freeze())
    other = Self.freeze()
    other.timeStatus = .ambiguous
    #expect(other != Self.freeze())
    other = Self.freeze()
    other.category = nil
    #expect(other != Self.freeze())
    #expect(Self.freeze(line: 8) != Self.freeze())
  }

  /// The coded form is that of a struct of every field: the same keys, rare ones left out.
  @Test func codingRoundTripsAndKeepsTheFieldNames() throws {
    var event = Self.freeze()
    event.checkpoint = 42
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let data = try encoder.encode(event)
    let keys = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any]).keys.sorted()
    #expect(
      keys == [
        "category", "checkpoint", "epochMilliseconds", "kind", "line", "localTime", "path", "pid",
        "server", "severity", "text", "timeStatus",
      ])
    #expect(try JSONDecoder().decode(BackupEvent.self, from: data) == event)
  }
}

extension BackupEventTests {
  /// Values no log holds (a year past 65535, a negative pid, a severity of 1000) are kept whole.
  @Test func valuesTooWideForTheCompactFieldsAreKeptWhole() throws {
    var event = Self.freeze()
    let wide = LocalTimestamp(
      year: 70_000, month: 13, day: -1, hour: 99, minute: 61, second: 75, millisecond: 5000)
    event.localTime = wide
    event.pid = Int(Int32.min)
    event.severity = 1000
    #expect(event.localTime == wide)
    #expect(event.pid == Int(Int32.min))
    #expect(event.severity == 1000)
    let data = try JSONEncoder().encode(event)
    #expect(try JSONDecoder().decode(BackupEvent.self, from: data) == event)
    // Narrow again, the wide copies are gone and the event equals the original.
    event.localTime = Self.freeze().localTime
    event.pid = 4242
    event.severity = 0
    #expect(event == Self.freeze())
    event.pid = nil
    event.severity = nil
    #expect(event.pid == nil && event.severity == nil)
    event.pid = -7
    event.severity = -1
    #expect(event.pid == -7 && event.severity == -1)
  }

  @Test func everyFieldOfAWallTimeSurvivesPacking() {
    for (year, month, day, hour, minute, second, millisecond) in [
      (0, 0, 0, 0, 0, 0, 0), (65_535, 15, 31, 31, 63, 63, 1023), (2024, 2, 29, 23, 59, 60, 999),
      (1999, 12, 31, 0, 0, 0, 1),
    ] {
      var event = Self.freeze()
      let time = LocalTimestamp(
        year: year, month: month, day: day, hour: hour, minute: minute, second: second,
        millisecond: millisecond)
      event.localTime = time
      #expect(event.localTime == time)
    }
  }
}

extension BackupEventTests {
  /// A text kept as its message alone comes back byte for byte, and changing a field its
  /// header is written from keeps the text as it was.
  @Test func aCompactedTextIsTheSameText() {
    let table = EventTextTable()
    var event = Self.freeze()
    let text = event.text
    event.compactText(sharing: table)
    #expect(event.text == text)
    #expect(event == Self.freeze())
    // A copy changed in a field the header does not show keeps the same text.
    var shifted = event
    shifted.epochMilliseconds += 5
    shifted.line = 8
    #expect(shifted.text == text)
    var moved = event
    moved.localTime.hour = 3
    moved.pid = 1
    moved.severity = 2
    moved.category = "Other"
    #expect(moved.text == text)
    #expect(event.text == text)
    // Compacted again after the change, the header no longer matches: the text is kept whole.
    moved.compactText(sharing: table)
    #expect(moved.text == text)
  }

  /// Texts whose beginning is not the header of the event's fields are kept as they are.
  @Test(arguments: [
    "11/14/23-22:13:20:123 (4242) 0 [Utility.Event]",  // no message
    "11/14/23-22:13:20:123 (04242) 0 [Utility.Event] Backup.General.ExternalFreeze: Start",
    "11/14/2023-22:13:20:123 (4242) 0 [Utility.Event] Backup.General.ExternalFreeze: Start",
    "{\"when\":\"2023-11-14 22:13:20.123\",\"pid\":4242}",
    "11/14/23-22:13:20:123 (4242) 0 [Utility.Event] Backup.General.ExternalFreeze: Start \u{FFFD}é",
    "",
  ])
  func otherTextsAreKeptWhole(text: String) {
    var event = Self.freeze()
    event.text = text
    event.compactText(sharing: EventTextTable(limit: 1))
    #expect(event.text == text)
  }

  /// Events of one table share one copy of a message, and a full table still keeps texts.
  @Test func aFullTableStillKeepsEveryText() {
    let table = EventTextTable(limit: 1)
    var events = (0..<3).map { index in
      var event = Self.freeze()
      event.text = "11/14/23-22:13:20:123 (4242) 0 [Utility.Event] message \(index)"
      return event
    }
    for index in events.indices { events[index].compactText(sharing: table) }
    #expect(events.map(\.text) == (0..<3).map { "11/14/23-22:13:20:123 (4242) 0 [Utility.Event] message \($0)" })
  }
}
