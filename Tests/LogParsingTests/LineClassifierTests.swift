import LogParsing
import Testing

struct LineClassifierTests {
  func classify(_ text: String) -> LineKind {
    Array(text.utf8).withUnsafeBytes { LineClassifier.classify($0) }
  }

  func header(_ text: String) throws -> (EntryHeader, String, String?) {
    let bytes = Array(text.utf8)
    guard case .entry(let header) = classify(text) else {
      Issue.record("not an entry: \(text)")
      throw CancellationError()
    }
    let message = String(decoding: bytes[header.messageStart...], as: UTF8.self)
    let category = header.category.map { String(decoding: bytes[$0], as: UTF8.self) }
    return (header, message, category)
  }

  @Test func irisLayout() throws {
    let (header, message, category) = try header(
      "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system")
    #expect(header.layout == .iris)
    #expect(header.timestamp == LocalTimestamp(year: 2021, month: 8, day: 11, hour: 5, minute: 49, second: 43, millisecond: 233))
    #expect(header.pid == 18374)
    #expect(header.severity == 0)
    #expect(category == "Utility.Event")
    #expect(message == "Backup.General.ExternalFreeze: Suspending system")
  }

  @Test func irisWithoutCategory() throws {
    let (header, message, category) = try header("06/14/18-14:25:05:988 (3788) 0 $ZF(-100) ret=0")
    #expect(header.layout == .irisWithoutCategory)
    #expect(header.timestamp.year == 2018)
    #expect(category == nil)
    #expect(message == "$ZF(-100) ret=0")
  }

  @Test func cacheLayout() throws {
    let (header, message, _) = try header("01/25/16-14:35:28:684 (7750) 2 Backup failed to take over as primary")
    #expect(header.severity == 2)
    #expect(header.pid == 7750)
    #expect(message == "Backup failed to take over as primary")
  }

  @Test func legacyLayoutHasNoSeverityAndKeepsADigitInTheText() throws {
    let (header, message, _) = try header("08/10-11:19:47:024 ( 1836) 4 errors during journal restore")
    #expect(header.layout == .legacy)
    #expect(header.pid == 1836)
    #expect(header.severity == nil)
    #expect(header.timestamp.year == 0)
    #expect(message == "4 errors during journal restore")
    let (other, text, _) = try self.header("08/10-11:19:47:024 ( 2240) System Initialized.")
    #expect(other.pid == 2240)
    #expect(text == "System Initialized.")
  }

  @Test func categoryWithASpaceAndEmptyMessage() throws {
    let (header, message, category) = try header("08/11/21-05:50:12:001 (18500) 0 [SYSTEM MONITOR] ")
    #expect(category == "SYSTEM MONITOR")
    #expect(message == "")
    #expect(header.layout == .iris)
    let (_, empty, generic) = try self.header("06/26/23-08:02:18:110 (144145) 0 [Generic.Event]")
    #expect(generic == "Generic.Event")
    #expect(empty == "")
  }

  @Test func paddedPidAndSeverityThree() throws {
    let (header, _, _) = try header("01/02/24-00:00:00:000 (   42) 3 [Generic.Event] fatal")
    #expect(header.pid == 42)
    #expect(header.severity == 3)
  }

  @Test(arguments: [
    "13/45/26-10:00:00:000 (1) 0 impossible month", "02/30/21-10:00:00:000 (1) 0 no such day",
    "02/29/21-10:00:00:000 (1) 0 not a leap year", "01/01/21-24:00:00:000 (1) 0 hour 24",
    "01/01/21-10:61:00:000 (1) 0 minute 61",
  ])
  func impossibleTimestamps(line: String) {
    #expect(classify(line) == .impossibleTimestamp)
  }

  @Test(arguments: [
    "", "Journaling switched to: /iris/journal1/20210811.003", "        in ../bin/",
    "2021-08-11 05:49:43 not our layout", "08/11/21 05:49:43 missing dash",
    "08/11/21-05:49:43:2331 (1) 0 four-digit milliseconds", "1/2/21-05:49:43:233 (1) 0 short",
  ])
  func otherLines(line: String) {
    #expect(classify(line) == .other)
  }

  @Test func recoveryBlock() {
    #expect(
      classify("*** Recovery started at Wed Aug 11 06:12:30 2021")
        == .recovery(LocalTimestamp(year: 2021, month: 8, day: 11, hour: 6, minute: 12, second: 30)))
    #expect(
      classify("*** Recovery started at Sun Aug  1 06:12:30 2021")
        == .recovery(LocalTimestamp(year: 2021, month: 8, day: 1, hour: 6, minute: 12, second: 30)))
    #expect(classify("*** Recovery started at Wed Foo 11 06:12:30 2021") == .impossibleTimestamp)
    #expect(classify("*** something else") == .other)
  }
}
