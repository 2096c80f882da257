@testable import BackupEvents
import Testing

/// The literal prefix that lets a candidate skip PCRE2: never longer than what every match
/// begins with.
struct AnchoredPrefixTests {
  @Test(arguments: [
    ("^Backup\\.General\\.ExternalFreeze: Suspending system\\s*$",
      "Backup.General.ExternalFreeze: Suspending system"),
    ("^Backup\\.General\\.ExternalFreeze: Failed to suspend system(?::\\s*(?<reason>.*?))?\\s*$",
      "Backup.General.ExternalFreeze: Failed to suspend system"),
    ("^Backup\\.(?<method>(?:General|ShardedCluster)\\.[A-Za-z]\\w*)", "Backup."),
    ("^\\s*Startup of", ""), ("Backup\\.General", ""), ("^abc|def", ""), ("^(?i)backup", ""),
    ("^ab?c", "a"), ("^ab*c", "a"), ("^ab{2}c", "a"), ("^ab+c", "ab"), ("^a.b", "a"),
    ("^a[bc]", "a"), ("^a\\d", "a"), ("^a\\Qb\\E", "a"), ("^Caché", "Cach"), ("^x(a|b)|y", ""),
    ("^a[|]b", "a"),
  ])
  func prefixOf(pattern: String, prefix: String) {
    #expect(AnchoredPrefix.literal(of: pattern) == Array(prefix.utf8))
  }

  @Test(arguments: [
    ("^Backup\\.General.ExternalThaw: System resumed", "Backup.General?ExternalThaw: System resumed"),
    ("^a.b", "a?b"), ("^a.?b", "a"), ("^a.*b", "a"), ("^a.+b", "a"), ("^a.{2}b", "a"),
    ("^.", "?"), ("^a\\.b", "a.b"), ("^a.\\.", "a?."),
  ])
  func elementsOf(pattern: String, shape: String) {
    // `?` stands for a `.` in the expected shape.
    let expected = shape.utf8.map {
      $0 == UInt8(ascii: "?") ? AnchoredPrefix.Element.anyCharacter : .byte($0)
    }
    #expect(AnchoredPrefix.elements(of: pattern) == expected)
  }

  @Test func everyStandardWordingBeginsWithItsPrefix() throws {
    for entry in MessageCatalogue.standard.entries {
      let prefix = AnchoredPrefix.literal(of: entry.pattern)
      if entry.pattern.hasPrefix("^Backup\\.") {
        #expect(prefix.starts(with: Array("Backup.".utf8)), "\(entry.pattern)")
      }
    }
  }
}
