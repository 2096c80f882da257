import BackupAudit
import BackupEvents
import Foundation
import TestSupport
import Testing

@testable import ClusterConfiguration

/// The configuration file of the brief, every section filled in.
let fullConfiguration = #"""
  [cluster]
  name = "prod"
  timezone = "Europe/Berlin"   # default zone for servers without one

  [thresholds]
  freeze_timeout = "600s"
  max_quiesce = "5m"
  skew_tolerance = 3
  rpo = "26h"
  fail_on = "critical"
  legacy_year = 2016

  [[servers]]
  name = "master"
  path = "master"
  timezone = "Europe/Berlin"
  role = "master"

  [[servers]]
  name = "shard1"
  path = "/var/log/iris/shard1/messages.log"
  timezone = "America/New_York"

  [[servers]]
  name = "shard1-restore"
  path = "../restores/./shard1"
  role = "restored"
  restored_from = "shard1"

  [[catalogue]]
  event = "frozen"
  pattern = "^Backup\\.General\\.ExternalFreeze: System frozen$"
  literal = "System frozen"
  scope = "first-line"
  replace = true

  [[catalogue]]
  event = "journal-switch"
  pattern = '(?s)^JOURNAL SWITCH\n.*to: (?<file>\S+)$'
  scope = "whole-entry"
  """#

@Test func readsEverySection() throws {
  let file = try ClusterConfigurationFile.parse(fullConfiguration, path: "configs/cluster.toml")
  #expect(file.clusterName == "prod")
  #expect(file.defaultTimeZone == "Europe/Berlin")
  #expect(file.audit.freezeTimeoutMilliseconds == 600_000)
  #expect(file.audit.maxQuiesceMilliseconds == 300_000)
  #expect(file.audit.skewToleranceMilliseconds == 3_000)
  #expect(file.audit.rpoMilliseconds == 93_600_000)
  #expect(file.failOn == .critical)
  #expect(file.legacyYear == 2016)
  #expect(file.audit.members == ["master", "shard1"])
  #expect(file.audit.restoredServers == ["shard1-restore": "shard1"])
  #expect(
    file.servers == [
      ConfiguredServer(
        name: "master", path: "configs/master", declaredPath: "master",
        timeZone: "Europe/Berlin", role: .master),
      ConfiguredServer(
        name: "shard1", path: "/var/log/iris/shard1/messages.log",
        timeZone: "America/New_York", role: .shard),
      ConfiguredServer(
        name: "shard1-restore", path: "restores/shard1", declaredPath: "../restores/./shard1",
        role: .restored, restoredFrom: "shard1"),
    ])
  #expect(file.timeZone(of: file.servers[2]) == "Europe/Berlin")
  #expect(
    file.catalogueAdditions == [
      CatalogueEntry(
        kind: .frozen, pattern: #"^Backup\.General\.ExternalFreeze: System frozen$"#,
        literal: "System frozen"),
      CatalogueEntry(
        kind: .journalSwitch, pattern: #"(?s)^JOURNAL SWITCH\n.*to: (?<file>\S+)$"#,
        scope: .wholeEntry, literal: nil),
    ])
  #expect(file.replacedEvents == [.frozen])
}

@Test func catalogueAdditionsReplaceBuiltInPatterns() throws {
  let file = try ClusterConfigurationFile.parse(fullConfiguration, path: "cluster.toml")
  let catalogue = file.catalogue()
  let frozen = catalogue.entries.filter { $0.kind == .frozen }
  #expect(frozen.map(\.literal) == ["System frozen"])
  #expect(catalogue.entries.first == file.catalogueAdditions.first)
  let switches = catalogue.entries.filter { $0.kind == .journalSwitch }
  #expect(switches.count > 1, "an addition without replace keeps the built-in patterns")
}

@Test func emptyFileKeepsDefaults() throws {
  let file = try ClusterConfigurationFile.parse("", path: "cluster.toml")
  #expect(file == ClusterConfigurationFile(path: "cluster.toml"))
  #expect(file.audit == AuditConfiguration())
  #expect(file.failOn == .warning)
}

@Test func serverPathDefaultsToItsNameAndRoleToShard() throws {
  let file = try ClusterConfigurationFile.parse(
    "[[servers]]\nname = \"ds2\"\n", path: "/etc/iris/cluster.toml")
  #expect(
    file.servers == [ConfiguredServer(name: "ds2", path: "/etc/iris/ds2", declaredPath: "ds2")])
}

@Test(arguments: [
  ("a", "cluster.toml", "a"), (".", "cluster.toml", "."), ("a/../b", "x/c.toml", "x/b"),
  ("../../a", "x/c.toml", "../a"), ("/a/./b/", "x/c.toml", "/a/b"), ("a", "/c.toml", "/a"),
  ("/../a", "c.toml", "/a"),
])
func resolvesPathsLexically(declared: String, configuration: String, resolved: String) {
  let folder = ClusterConfigurationFile(path: configuration).folder
  #expect(ClusterConfigurationFile.resolve(declared, against: folder) == resolved)
}

@Test func writtenFileReadsBackEqual() throws {
  let file = try ClusterConfigurationFile.parse(fullConfiguration, path: "configs/cluster.toml")
  let text = file.tomlText()
  let again = try ClusterConfigurationFile.parse(text, path: "configs/cluster.toml")
  #expect(again == file)
  #expect(again.tomlText() == text)
}

@Test func loadsFromDiskAndNamesMissingFiles() throws {
  let folder = try TemporaryFolder()
  let path = try folder.write("cluster.toml", text: fullConfiguration)
  let file = try ClusterConfigurationFile.load(path: path)
  #expect(file.servers.first?.path == folder.path + "/master")
  #expect {
    try ClusterConfigurationFile.load(path: folder.path + "/absent.toml")
  } throws: { error in
    "\(error)" == folder.path + "/absent.toml: cannot read the file: no such file"
  }
}
