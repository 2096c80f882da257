import LogReading
import TestSupport
import Testing

struct GzipByteSourceTests {
  func inflate(_ bytes: [UInt8], chunk: Int = 1 << 16) throws -> [UInt8] {
    let source = try DecompressingSource.wrap(MemoryByteSource(bytes, maximumRead: chunk), path: "test.gz")
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 7)
    while true {
      let count = try buffer.withUnsafeMutableBytes { try source.read(into: $0) }
      if count == 0 { break }
      output += buffer[..<count]
    }
    return output
  }

  @Test(arguments: [1, 3, 1 << 16])
  func inflatesWhatZlibCompressed(chunk: Int) throws {
    let text = Array((0..<500).map { "line \($0) of a rotated messages.log\n" }.joined().utf8)
    #expect(try inflate(Gzip.compress(text), chunk: chunk) == text)
  }

  @Test func readsConcatenatedMembers() throws {
    let first = Array("first member\n".utf8)
    let second = Array("second member\n".utf8)
    #expect(try inflate(Gzip.compress(first) + Gzip.compress(second)) == first + second)
  }

  @Test func passesPlainTextThrough() throws {
    #expect(try inflate(Array("plain\n".utf8)) == Array("plain\n".utf8))
    #expect(try inflate([0x1f]) == [0x1f])
    #expect(try inflate([]) == [])
  }

  @Test func truncatedStreamIsAnErrorAfterTheBytesBeforeIt() throws {
    let text = Array((0..<2000).map { "entry \($0)\n" }.joined().utf8)
    let compressed = Gzip.compress(text)
    let source = try DecompressingSource.wrap(
      MemoryByteSource(Array(compressed[..<(compressed.count / 2)])), path: "cut.gz")
    let reader = LineReader(source: source)
    var lines = 0
    #expect(throws: ReadingError.self) {
      try reader.forEachLine { _ in lines += 1 }
    }
    #expect(lines > 0)
  }

  @Test func damagedStreamIsAnError() throws {
    var compressed = Gzip.compress(Array("some text\n".utf8))
    compressed[12] ^= 0xFF
    compressed[13] ^= 0xFF
    #expect(throws: ReadingError.self) { _ = try inflate(compressed) }
  }
}
