import LogReading
import TestSupport
import Testing

struct LineReaderTests {
  static let inputs: [String] = [
    "",
    "a",
    "a\n",
    "\n",
    "\n\n",
    "one\ntwo\nthree",
    "one\r\ntwo\r\n",
    "crlf at end only\r",
    "x\r\r\n",
    "first line\nsecond, longer line with more bytes\n\nlast without terminator",
    String(repeating: "0123456789", count: 30) + "\nshort\n",
  ]

  @Test(arguments: [0, 1, 2, 3, 7, 64, 1 << 16])
  func streamingGivesTheSameLinesAsSlicingAtEveryCapacity(capacity: Int) throws {
    for input in Self.inputs {
      let bytes = Array(input.utf8)
      let streamed = try LineCollector.stream(bytes, capacity: capacity)
      let sliced = LineCollector.slice(bytes)
      #expect(streamed.lines == sliced.lines, "input \(input.debugDescription)")
      #expect(streamed.statistics == sliced.statistics, "input \(input.debugDescription)")
    }
  }

  @Test(arguments: [1, 2, 5])
  func shortReadsChangeNothing(maximumRead: Int) throws {
    for input in Self.inputs {
      let bytes = Array(input.utf8)
      let streamed = try LineCollector.stream(bytes, capacity: 4, maximumRead: maximumRead)
      #expect(streamed.lines == LineCollector.slice(bytes).lines)
    }
  }

  @Test func capacityOfExactlyOneLineWithItsTerminator() throws {
    let bytes = Array("abcd\nefgh\n".utf8)
    let streamed = try LineCollector.stream(bytes, capacity: 5)
    #expect(streamed.lines.map(\.description) == ["1: abcd", "2: efgh"])
  }

  @Test func capacityZeroStillReadsEverything() throws {
    let streamed = try LineCollector.stream(Array("ab\ncd".utf8), capacity: 0)
    #expect(streamed.lines.map(\.description) == ["1: ab", "2: cd"])
    #expect(streamed.statistics.hasUnterminatedLastLine)
  }

  @Test func removesCarriageReturnBeforeNewlineOnly() throws {
    let streamed = try LineCollector.stream(Array("a\r\nb\rc\n".utf8), capacity: 2)
    #expect(streamed.lines.map { String(decoding: $0.bytes, as: UTF8.self) } == ["a", "b\rc"])
  }

  @Test func finalUnterminatedLineIsALine() throws {
    let streamed = try LineCollector.stream(Array("one\ntruncated entr".utf8), capacity: 3)
    #expect(streamed.lines.last?.description == "2: truncated entr")
    #expect(streamed.statistics.lines == 2)
  }

  @Test(arguments: [1, 8, 4096])
  func cutsLinesLongerThanTheLimitAndCountsWhatWasSkipped(capacity: Int) throws {
    let long = String(repeating: "x", count: 100)
    let bytes = Array("ok\n\(long)\nafter\n".utf8)
    let streamed = try LineCollector.stream(bytes, capacity: capacity, maximumLineLength: 16)
    #expect(streamed.lines.map(\.description) == ["1: ok", "2*: " + String(repeating: "x", count: 16), "3: after"])
    #expect(streamed.statistics.truncatedLines == 1)
    #expect(streamed.statistics.skippedBytes == 84)
    #expect(streamed.lines == LineCollector.slice(bytes, maximumLineLength: 16).lines)
  }

  @Test func lineOfExactlyTheLimitIsWhole() throws {
    let bytes = Array("0123456789abcdef\nnext".utf8)
    let streamed = try LineCollector.stream(bytes, capacity: 1, maximumLineLength: 16)
    #expect(streamed.statistics.truncatedLines == 0)
    #expect(streamed.lines == LineCollector.slice(bytes, maximumLineLength: 16).lines)
  }

  @Test func longUnterminatedLastLineIsCutTheSameWayByBothPaths() throws {
    let bytes = Array(("start\n" + String(repeating: "y", count: 40)).utf8)
    let streamed = try LineCollector.stream(bytes, capacity: 4, maximumLineLength: 10)
    let sliced = LineCollector.slice(bytes, maximumLineLength: 10)
    #expect(streamed.lines == sliced.lines)
    #expect(streamed.statistics == sliced.statistics)
  }

  @Test func memoryStaysAtTheLimitForAHugeLine() throws {
    // 8 MiB without a newline through a 64 KiB limit: the reader must not buffer it all.
    final class EndlessSource: ByteSource {
      var remaining = 8 << 20
      func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let count = min(buffer.count, remaining)
        for index in 0..<count { buffer[index] = 0x41 }
        remaining -= count
        return count
      }
    }
    let reader = LineReader(
      source: EndlessSource(), configuration: .init(initialCapacity: 1024, maximumLineLength: 1 << 16))
    var lengths: [Int] = []
    try reader.forEachLine { lengths.append($0.bytes.count) }
    #expect(lengths == [1 << 16])
    #expect(reader.statistics.skippedBytes == (8 << 20) - (1 << 16))
  }
}
