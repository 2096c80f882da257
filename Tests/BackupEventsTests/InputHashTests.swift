import BackupEvents
import Crypto
import Foundation
import LogReading
import TestSupport
import Testing

/// Each input summary carries the SHA-256 of the file as stored, computed while it was read.
struct InputHashTests {
  static let text = (1...50).map {
    String(format: "08/11/21-%02d:00:00:000 (100) 0 [Utility.Event] entry %d\n", $0 % 24, $0)
  }.joined()

  func sha256(ofFileAt path: String) throws -> String {
    let data = try Data(contentsOf: URL(fileURLWithPath: path))
    return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
  }

  func read(_ paths: [String], wholeFiles: Bool = false) -> ServerReading {
    var options = EventReading.options()
    options.readsWholeFiles = wholeFiles
    return ServerLogReader(options: options).read(ServerInput(name: "ds1", files: paths))
  }

  @Test(arguments: [false, true])
  func plainAndGzipFilesAreHashedAsStored(wholeFiles: Bool) throws {
    let folder = try TemporaryFolder()
    let plain = try folder.write("ds1/messages.log", text: Self.text)
    let gzip = try folder.write(
      "ds1/messages.old_1.gz",
      bytes: Gzip.compress(Array(Self.text.replacingOccurrences(of: "08/11", with: "08/10").utf8)))
    let reading = read([plain, gzip], wholeFiles: wholeFiles)
    let hashes = Dictionary(uniqueKeysWithValues: reading.inputs.map { ($0.path, $0.sha256) })
    #expect(hashes[plain] == (try sha256(ofFileAt: plain)))
    #expect(hashes[gzip] == (try sha256(ofFileAt: gzip)))
    #expect(reading.inputs.allSatisfy { $0.sha256?.count == 64 && $0.failure == nil })
  }

  @Test func emptyFileHasTheHashOfNothing() throws {
    let folder = try TemporaryFolder()
    let reading = read([try folder.write("ds1/messages.log", text: "")])
    #expect(
      reading.inputs.first?.sha256
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
  }

  @Test func unreadableFileHasNoHash() throws {
    let folder = try TemporaryFolder()
    let reading = read([folder.path + "/ds1/missing.log"])
    #expect(reading.inputs.first?.failure != nil)
    #expect(reading.inputs.first?.sha256 == nil)
  }

  @Test func gzipDamagedBeforeItsEndHasNoHash() throws {
    let folder = try TemporaryFolder()
    var compressed = Gzip.compress(Array(Self.text.utf8))
    // Garbage in the middle of the deflate data: inflating stops there, before the file's end.
    for index in 20..<60 { compressed[index] = 0xFF }
    let path = try folder.write("ds1/messages.old_1.gz", bytes: compressed)
    let input = try #require(read([path]).inputs.first)
    #expect(input.failure?.contains("cannot decompress") == true)
    #expect(input.sha256 == nil)
  }

  @Test func gzipCutShortIsReadToItsEndAndHashed() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write(
      "ds1/messages.old_1.gz", bytes: Array(Gzip.compress(Array(Self.text.utf8)).dropLast(8)))
    let input = try #require(read([path]).inputs.first)
    #expect(input.failure?.contains("unexpected end of data") == true)
    #expect(input.sha256 == (try sha256(ofFileAt: path)))
  }
}
