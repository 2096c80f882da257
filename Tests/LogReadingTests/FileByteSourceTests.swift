import Crypto
import Foundation
import LogReading
import TestSupport
import Testing

/// The SHA-256 a file source computes while it streams, compared with known vectors and with a
/// hash of the file read whole.
struct FileByteSourceTests {
  /// Reads `source` to its end in reads of `chunk` bytes; returns the bytes handed out.
  func drain(_ source: ByteSource, chunk: Int = 1 << 16) throws -> [UInt8] {
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: chunk)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if count == 0 { return output }
      output += buffer[..<count]
    }
  }

  /// SHA-256 of `bytes` in lowercase hex, computed in one go.
  func sha256(_ bytes: [UInt8]) -> String {
    SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
  }

  @Test(arguments: [
    ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
    ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
    (
      "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
    ),
  ])
  func hashesKnownVectors(text: String, expected: String) throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("vector", text: text)
    let source = try FileByteSource(path: path)
    #expect(source.sha256 == nil, "no hash before the end was read")
    #expect(try drain(source, chunk: 2) == Array(text.utf8))
    #expect(source.sha256 == expected)
  }

  @Test(arguments: [1, 7, 4096, 1 << 16])
  func hashOfAGzipFileIsTheHashOfItsCompressedBytes(chunk: Int) throws {
    let folder = try TemporaryFolder()
    let text = Array((0..<2000).map { "line \($0) of a rotated messages.log\n" }.joined().utf8)
    let path = try folder.write("messages.old_1.gz", bytes: Gzip.compress(text))
    let onDisk = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
    let file = try FileByteSource(path: path)
    let inflated = try drain(DecompressingSource.wrap(file, path: path), chunk: chunk)
    #expect(inflated == text)
    #expect(file.sha256 == sha256(onDisk))
    #expect(file.sha256 != sha256(text))
  }

  @Test func aLineReaderReadsToTheEndSoTheHashIsSet() throws {
    let folder = try TemporaryFolder()
    let bytes = Array("one\ntwo\r\nthree without terminator".utf8)
    let path = try folder.write("messages.log", bytes: bytes)
    let file = try FileByteSource(path: path)
    let reader = LineReader(
      source: try DecompressingSource.wrap(file, path: path),
      configuration: .init(initialCapacity: 3))
    var lines = 0
    try reader.forEachLine { _ in lines += 1 }
    #expect(lines == 3)
    #expect(file.sha256 == sha256(bytes))
  }

  @Test func partlyReadFileHasNoHash() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("messages.log", text: "0123456789")
    let file = try FileByteSource(path: path)
    var buffer = [UInt8](repeating: 0, count: 4)
    _ = try buffer.withUnsafeMutableBytes { try file.read(into: $0) }
    #expect(file.sha256 == nil, "the hash of part of a file is not the file's hash")
  }

  @Test func hashingCanBeTurnedOff() throws {
    let folder = try TemporaryFolder()
    let file = try FileByteSource(
      path: try folder.write("messages.log", text: "abc"), hashes: false)
    _ = try drain(file)
    #expect(file.sha256 == nil)
  }
}
