import Foundation
import Testing

@testable import AuditReports

/// `PrettyJSONEncoder` writes what `JSONEncoder` writes for text every escape rule touches, for
/// keys whose sorted order is not their encoding order, and for containers used out of order:
/// nested containers written between other members, keys given twice, super encoders.
struct PrettyJSONEncoderHostileTests {
  static let texts: [String] = [
    String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }),
    "\u{0}", "\u{0}\u{0}nul inside\u{0}", "\u{2028}\u{2029}", "line\u{2028}sep",
    "\u{7F}\u{80}\u{9F}", "👩‍👩‍👧 and 😀", "e\u{301} é a\u{308}\u{323}",
    "\\/ and // and \\\\", "\"quoted\" \\\"", "</script>",
    "\u{FEFF}bom \u{FFFD} \u{10FFFF}", String(repeating: "long \t", count: 300),
  ]

  @Test(arguments: texts)
  func hostileTextIsEscapedAsFoundationEscapesIt(text: String) throws {
    let values: [String: [String?]] = ["text": [text, nil, text + text], text: ["key"]]
    try expectFoundationBytes(values)
    try expectFoundationBytes(text)
    try expectFoundationBytes([text])
  }

  @Test func keysAreSortedAsFoundationSortsThem() throws {
    let keys = [
      "a_b", "a", "aB", "A", "", "_", "e\u{301}", "e", "ez", "f", "10", "9", "1", "a b", "\u{0}",
      "~", "Z", "z", "aa", "a-b", "ab", "😀", "\u{7F}", "ü", "\u{FFFF}", "\u{10000}",
    ]
    try expectFoundationBytes(Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) }))
    // More than a few keys: the other sorting path.
    let many = (0..<100).map { "k\($0 * 7919 % 100)" }
    try expectFoundationBytes(Dictionary(uniqueKeysWithValues: many.map { ($0, [$0]) }))
    try expectFoundationBytes([10: "ten", 9: "nine", -1: "minus one", 100: "hundred"])
  }

  /// Nested containers written between the other members, a key given twice, a super encoder.
  struct OutOfOrder: Encodable {
    enum Key: String, CodingKey {
      case a, b, c, z
      case underscore = "_"
    }

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      var nested = container.nestedContainer(keyedBy: Key.self, forKey: .z)
      var list = container.nestedUnkeyedContainer(forKey: .b)
      try container.encode("x", forKey: .a)
      try nested.encode(1, forKey: .b)
      try list.encode("one")
      var inner = list.nestedContainer(keyedBy: Key.self)
      try list.encode("two")
      try inner.encode(true, forKey: .a)
      var innerList = inner.nestedUnkeyedContainer(forKey: .z)
      try nested.encode(2.5, forKey: .a)
      try innerList.encode(3)
      var single = container.superEncoder(forKey: .underscore).singleValueContainer()
      try single.encode("super")
      try container.encode(3, forKey: .c)
      try container.encode(4, forKey: .c)
      _ = list.nestedUnkeyedContainer()
    }
  }

  /// Keys that are one string spelt two ways (composed and decomposed), each given a value.
  struct Spellings: Encodable {
    struct Key: CodingKey {
      let stringValue: String
      var intValue: Int? { nil }
      init(stringValue: String) { self.stringValue = stringValue }
      init?(intValue: Int) { nil }
    }

    let keys: [String]

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: Key.self)
      for (index, key) in keys.enumerated() {
        try container.encode(index, forKey: Key(stringValue: key))
      }
    }
  }

  @Test func oneKeySpeltTwoWaysIsOneMemberAsInFoundation() throws {
    try expectFoundationBytes(Spellings(keys: ["é", "b", "e\u{301}"]))
    try expectFoundationBytes(Spellings(keys: ["e\u{301}", "f", "é", "a"]))
    try expectFoundationBytes(Spellings(keys: (0..<30).map { "k\($0)" } + ["é", "e\u{301}", "k3"]))
  }

  /// Encodes nothing: `{}`.
  struct Nothing: Encodable {
    func encode(to encoder: Encoder) throws {}
  }

  @Test func containersUsedOutOfOrderGiveFoundationsBytes() throws {
    try expectFoundationBytes(OutOfOrder())
    try expectFoundationBytes(["outer": [OutOfOrder(), OutOfOrder()]])
    try expectFoundationBytes([Nothing()])
    try expectFoundationBytes(["nothing": Nothing()])
  }

  /// The leaves told by their type, and their optionals, as every container writes them.
  @Test func leavesAndTheirOptionalsGiveFoundationsBytes() throws {
    let strings: [String?] = ["a", nil]
    let integers: [Int?] = [Int.min, Int.max, 0, nil]
    let longs: [Int64?] = [Int64.min, -1, nil]
    let doubles: [Double?] = [0.1, -0.0, 1e300, .leastNonzeroMagnitude, 123, nil]
    let flags: [Bool?] = [true, false, nil]
    let unsigned: [UInt64] = [0, UInt64.max]
    let small: [Int8] = [Int8.min, Int8.max]
    try expectFoundationBytes(strings)
    try expectFoundationBytes(integers)
    try expectFoundationBytes(longs)
    try expectFoundationBytes(doubles)
    try expectFoundationBytes(flags)
    try expectFoundationBytes(unsigned)
    try expectFoundationBytes(small)
    try expectFoundationBytes(["nested": ["deeper": [strings.map { $0.map { [$0] } }]]])
  }

  /// The depth a streamed element is encoded at indents every line after its first.
  @Test func aValueEncodedDeeperIsTheSameValueIndented() throws {
    let value: [String: [[String: Int]]] = ["a": [["x": 1], [:]], "b": []]
    let deeper = try PrettyJSONEncoder(depth: 2).encode(value)
    #expect(deeper == Self.indented(try PrettyJSONEncoder().encode(value), by: 2))
  }

  /// `bytes` with every line after the first indented `depth` levels more, blank lines kept blank.
  static func indented(_ bytes: [UInt8], by depth: Int) -> [UInt8] {
    let indent = [UInt8](repeating: 0x20, count: 2 * depth)
    var result: [UInt8] = []
    for (index, byte) in bytes.enumerated() {
      result.append(byte)
      if byte == 0x0A && index + 1 < bytes.count && bytes[index + 1] != 0x0A { result += indent }
    }
    return result
  }

  private func expectFoundationBytes(
    _ value: some Encodable, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    // Bytes, not strings: strings compare equal across Unicode normalization.
    let mine = try PrettyJSONEncoder().encode(value) + [0x0A]
    let foundation = try SortedJSON.foundationBytes(value)
    // Compared as a whole, so that a failure shows the text rather than two lists of bytes.
    let isSame = mine == foundation
    let texts = [mine, foundation].map { String(decoding: $0, as: UTF8.self) }
    #expect(
      isSame, "mine:\n\(texts[0])\nFoundation's:\n\(texts[1])", sourceLocation: sourceLocation)
  }
}
