import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// A file holding several servers (SPEC §3.1): one reading per server named in it, each
/// server's continuation lines joined to its own entries.
struct ServerStreamTests {
  static func entry(_ hour: Int, _ text: String, pid: Int = 100) -> String {
    String(format: "08/11/21-%02d:00:00:000 (%d) 0 [Utility.Event] %@", hour, pid, text)
  }

  static func readStreams(_ text: String, envelope: Envelope? = nil) throws -> [ServerReading] {
    let folder = try TemporaryFolder()
    let path = try folder.write("archive/all.log", text: text)
    var options = EventReading.options()
    options.envelope = envelope
    return ServerLogReader(options: options).readStreams(ServerInput(name: "archive", files: [path]))
  }

  @Test func aComposeStreamGivesOneReadingPerServiceWithItsOwnContinuations() throws {
    let text = [
      "shard1  | \(Self.entry(1, "INTERSYSTEMS IRIS JOURNALING SYSTEM MESSAGE"))",
      "master  | \(Self.entry(1, "Backup.General.ExternalFreeze: Suspending system", pid: 7))",
      "shard1  | Journaling switched to: /iris/journal1/20210811.003",
      "master  | \(Self.entry(2, "Backup.General.ExternalThaw: System resumed", pid: 7))",
      "no envelope here",
    ].joined(separator: "\n") + "\n"
    let readings = try Self.readStreams(text)
    #expect(readings.map(\.server) == ["shard1", "master"])
    #expect(readings[1].events.map(\.kind) == [.freezeBegin, .thawed])
    #expect(readings[1].events.map(\.line) == [2, 4])
    #expect(readings[1].events.allSatisfy { $0.server == "master" })
    #expect(readings[0].events.map(\.journalFile) == ["/iris/journal1/20210811.003"])
    #expect(readings[0].events.first?.line == 1)
    // Each server's input: the file, its own lines, the envelope; the foreign line counted.
    #expect(readings.map { $0.inputs.map(\.envelope) } == [["compose"], ["compose"]])
    #expect(readings.map { $0.inputs.map(\.lines) } == [[2], [3]])
    #expect(readings.map { $0.inputs.map(\.unparsedLines) } == [[0], [1]])
    #expect(Set(readings.flatMap { $0.inputs.map(\.sha256) }).count == 1)
  }

  @Test func aSyslogArchiveIsPutBackInTimeOrder() throws {
    // A relay sent the second hour before the first.
    let text = [
      "Aug 11 09:00:05 master iris: \(Self.entry(2, "Backup.General.ExternalThaw: System resumed"))",
      "Aug 11 09:00:01 master iris: \(Self.entry(1, "Backup.General.ExternalFreeze: Suspending system"))",
    ].joined(separator: "\n") + "\n"
    let reading = try #require(try Self.readStreams(text).first)
    #expect(reading.server == "master")
    #expect(reading.events.map(\.kind) == [.freezeBegin, .thawed])
    #expect(reading.events.map(\.line) == [2, 1])
  }

  @Test func aComposeStreamKeepsItsOrder() throws {
    let text = [
      "master  | \(Self.entry(2, "Backup.General.ExternalThaw: System resumed"))",
      "master  | \(Self.entry(1, "Backup.General.ExternalFreeze: Suspending system"))",
    ].joined(separator: "\n") + "\n"
    #expect(try Self.readStreams(text).first?.events.map(\.line) == [1, 2])
  }

  @Test func readMergesTheNamedServersUnderTheInputsName() throws {
    let text = "a  | \(Self.entry(1, "Backup.General.ExternalFreeze: Suspending system"))\n"
      + "b  | \(Self.entry(1, "Backup.General.ExternalFreeze: Suspending system"))\n"
    let folder = try TemporaryFolder()
    let path = try folder.write("all.log", text: text)
    let reading = ServerLogReader(options: EventReading.options()).read(ServerInput(name: "all", files: [path]))
    #expect(reading.server == "all")
    #expect(reading.events.map(\.server) == ["a", "b"])
  }

  @Test func anEnvelopeGivenIsNotDetected() throws {
    let line = "2021-08-11T05:00:00.000Z stdout F \(Self.entry(1, "Backup.General.ExternalFreeze: Suspending system"))\n"
    #expect(try Self.readStreams(line).first?.events.count == 1)
    let plain = try #require(try Self.readStreams(line, envelope: .plain).first)
    #expect(plain.events.isEmpty)
    #expect(plain.inputs.first?.unparsedLines == 1)
  }
}
