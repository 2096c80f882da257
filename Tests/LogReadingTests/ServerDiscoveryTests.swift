import LogReading
import TestSupport
import Testing

struct ServerDiscoveryTests {
  @Test(arguments: [
    ("messages.log", true), ("messages.old_20210811", true), ("messages.log.1", true),
    ("messages.log.2.gz", true), ("cconsole.log", true), ("cconsole.old_2016", true),
    ("messages.old_20210811.gz", true), ("alerts.log", false), ("messages.txt", false),
    ("iris.cpf", false),
  ])
  func recognisesLogFileNames(name: String, isLog: Bool) {
    #expect(ServerDiscovery.isLogFileName(name) == isLog)
  }

  @Test func clusterFolderHasAServerPerSubfolder() throws {
    let folder = try TemporaryFolder()
    try folder.write("cluster/master/messages.log", text: "")
    try folder.write("cluster/master/messages.old_20210810.gz", bytes: Gzip.compress([]))
    try folder.write("cluster/shard1/messages.log", text: "")
    try folder.write("cluster/notes/readme.txt", text: "")
    let servers = try ServerDiscovery.discover(paths: [folder.path + "/cluster"])
    #expect(servers.map(\.name) == ["master", "shard1"])
    #expect(servers[0].files.count == 2)
  }

  @Test func folderWithALogIsOneServer() throws {
    let folder = try TemporaryFolder()
    try folder.write("ds1/messages.log", text: "")
    let servers = try ServerDiscovery.discover(paths: [folder.path + "/ds1/"])
    #expect(servers == [ServerInput(name: "ds1", files: [folder.path + "/ds1/messages.log"])])
  }

  @Test func fileBelongsToItsFoldersServer() throws {
    let folder = try TemporaryFolder()
    let first = try folder.write("ds2/messages.log", text: "")
    let second = try folder.write("ds2/messages.old_1", text: "")
    let servers = try ServerDiscovery.discover(paths: [first, second])
    #expect(servers == [ServerInput(name: "ds2", files: [first, second].sorted())])
  }

  @Test func standardInputIsServerStdin() throws {
    #expect(try ServerDiscovery.discover(paths: ["-"]) == [ServerInput(name: "stdin", files: ["-"])])
  }

  @Test func namedServers() throws {
    let folder = try TemporaryFolder()
    let log = try folder.write("anything/console.txt", text: "")
    let servers = try ServerDiscovery.discover(paths: [], namedServers: ["alpha=\(log)"])
    #expect(servers == [ServerInput(name: "alpha", files: [log])])
    #expect(throws: ReadingError.invalidServerArgument("noequals")) {
      try ServerDiscovery.discover(paths: [], namedServers: ["noequals"])
    }
  }

  @Test func sameNameFromTwoPlacesIsAnError() throws {
    let folder = try TemporaryFolder()
    try folder.write("a/ds1/messages.log", text: "")
    try folder.write("b/ds1/messages.log", text: "")
    #expect(throws: ReadingError.self) {
      try ServerDiscovery.discover(paths: [folder.path + "/a/ds1", folder.path + "/b/ds1"])
    }
  }

  @Test func folderWithoutLogsIsAnError() throws {
    let folder = try TemporaryFolder()
    try folder.write("empty/sub/notes.txt", text: "")
    #expect(throws: ReadingError.noLogFound(path: folder.path + "/empty")) {
      try ServerDiscovery.discover(paths: [folder.path + "/empty"])
    }
    #expect(throws: ReadingError.self) {
      try ServerDiscovery.discover(paths: [folder.path + "/missing.log"])
    }
  }
}
