import CByteSearch
import Testing

/// Issue 13: `byte_search_contains`, the prefilter's literal check on a candidate's message,
/// agrees with a plain search on short and long haystacks.
struct ByteSearchContainsTests {
  func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    haystack.withUnsafeBufferPointer { hay in
      needle.withUnsafeBufferPointer { byte_search_contains(hay.baseAddress, hay.count, $0.baseAddress, $0.count) == 1 }
    }
  }

  func reference(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
    guard !needle.isEmpty else { return true }
    guard haystack.count >= needle.count else { return false }
    return (0...(haystack.count - needle.count)).contains {
      haystack[$0..<($0 + needle.count)].elementsEqual(needle)
    }
  }

  @Test(arguments: [10, 255, 256, 257, 600])
  func agreesWithAPlainSearch(length: Int) {
    let needles = ["Startup of ", "JOURNALING SYSTEM MESSAGE", "S", "aab", ""].map { Array($0.utf8) }
    for needle in needles {
      for position in [0, 1, length / 2, max(length - needle.count, 0), length] {
        var haystack = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        // The needle at `position` (cut off at the end), and its first byte just before.
        if position > 0 && position - 1 < length, let first = needle.first { haystack[position - 1] = first }
        for (offset, byte) in needle.enumerated() where position + offset < length {
          haystack[position + offset] = byte
        }
        #expect(contains(haystack, needle) == reference(haystack, needle), "\(needle) at \(position) of \(length)")
      }
    }
  }
}
