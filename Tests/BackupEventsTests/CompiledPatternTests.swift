import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// Issue 14: match data sized per pattern, limits on backtracking, and PCRE2 errors that are
/// counted and reported, never read as "no match".
struct CompiledPatternTests {
  static let prefix = "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] "

  func read(_ text: String, with entry: CatalogueEntry) throws -> ServerReading {
    let catalogue = try CompiledCatalogue(MessageCatalogue.standard.merged(with: [entry]))
    let folder = try TemporaryFolder()
    let path = try folder.write("ds1/messages.log", text: text)
    return ServerLogReader(options: EventReading.options(), catalogue: catalogue)
      .read(ServerInput(name: "ds1", files: [path]))
  }

  @Test func aPatternWithTwentyGroupsMatches() throws {
    let groups = (1...20).map { "(\($0 % 10))" }.joined()
    let entry = CatalogueEntry(
      kind: .frozen, pattern: "^Backup\\.General\\.ExternalFreeze: Frozen " + groups + "$",
      literal: "Frozen ")
    let digits = (1...20).map { "\($0 % 10)" }.joined()
    let reading = try read(
      Self.prefix + "Backup.General.ExternalFreeze: Frozen \(digits)\n", with: entry)
    #expect(reading.events.map(\.kind) == [.frozen])
    #expect(reading.inputs.first?.matchErrors == 0)
  }

  @Test func catastrophicBacktrackingIsCountedAndMakesTheInputPartial() throws {
    let entry = CatalogueEntry(
      kind: .frozen, pattern: "^Backup\\.General\\.(a+)+$", literal: "Backup.")
    let line = Self.prefix + "Backup.General." + String(repeating: "a", count: 40) + "!\n"
    let reading = try read(line + Self.prefix + "Backup.General.ExternalThaw: System resumed\n", with: entry)
    let input = try #require(reading.inputs.first)
    #expect(input.matchErrors == 1)
    #expect(input.failure?.contains("could not be matched") == true, "\(input.failure ?? "")")
    #expect(reading.failures.count == 1)
    // The next entry is still read.
    #expect(reading.events.map(\.kind).contains(.thawed))
  }

  @Test func theOutcomeNamesTheError() throws {
    let pattern = try CompiledPattern("^(a+)+$")
    let text = Array((String(repeating: "a", count: 40) + "!").utf8)
    let outcome = text.withUnsafeBytes { pattern.match($0, using: MatchData(for: [pattern])) }
    guard case .error(let message) = outcome else {
      Issue.record("expected an error, got \(outcome)")
      return
    }
    #expect(message.contains("limit"), "\(message)")
  }

  @Test func matchDataTooSmallIsAnErrorNotANonMatch() throws {
    let pattern = try CompiledPattern("^(a)(b)(c)$")
    let outcome = Array("abc".utf8).withUnsafeBytes { pattern.match($0, using: MatchData(groups: 1)) }
    guard case .error = outcome else {
      Issue.record("expected an error, got \(outcome)")
      return
    }
  }
}
