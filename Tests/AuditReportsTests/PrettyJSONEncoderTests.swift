import BackupAudit
import Foundation
import Testing

@testable import AuditReports

/// `PrettyJSONEncoder` writes what Foundation's `JSONEncoder` writes with sorted keys, pretty
/// printing and slashes unescaped, byte for byte.
struct PrettyJSONEncoderTests {
  struct Sample: Encodable {
    var text: String
    var number: Double
    var float: Float
    var integer: Int
    var small: UInt8
    var flag: Bool
    var missing: Int?
    var list: [Int]
    var empty: [String]
    var table: [String: [String: Int]]
    var emptyTable: [String: Int]
    var numbered: [Int: String]
    var nested: [[Double?]]

    func encode(to encoder: Encoder) throws {
      var container = encoder.container(keyedBy: CodingKeys.self)
      try container.encode(text, forKey: .text)
      try container.encode(number, forKey: .number)
      try container.encode(float, forKey: .float)
      try container.encode(integer, forKey: .integer)
      try container.encode(small, forKey: .small)
      try container.encode(flag, forKey: .flag)
      try container.encode(missing, forKey: .missing)
      try container.encodeIfPresent(missing, forKey: .absent)
      try container.encode(list, forKey: .list)
      try container.encode(empty, forKey: .empty)
      try container.encode(table, forKey: .table)
      try container.encode(emptyTable, forKey: .emptyTable)
      try container.encode(numbered, forKey: .numbered)
      try container.encode(nested, forKey: .nested)
      var unkeyed = container.nestedUnkeyedContainer(forKey: .unkeyed)
      try unkeyed.encode("a/b")
      try unkeyed.encodeNil()
      var inner = unkeyed.nestedContainer(keyedBy: CodingKeys.self)
      try inner.encode(1.0, forKey: .number)
      try container.encode(1, forKey: .upper)
      try container.encode(2, forKey: .underscore)
    }

    enum CodingKeys: String, CodingKey {
      case text, number, float, integer, small, flag, missing, absent, list, empty, table
      case emptyTable = "empty_table"
      case numbered, nested, unkeyed
      case upper = "Upper"
      case underscore = "_"
    }
  }

  static let texts = [
    "", "plain", "quote \" backslash \\ slash / tab \t newline \n return \r",
    "\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}", "é ü 😀 \u{2028} \u{FFFD}", "<script>&'",
  ]
  static let numbers: [Double] = [
    0, -0.0, 85, 85.114, 0.1, 1e20, 1.5e-7, 123_456_789_012.5, 1e16, -3.25, 12_345_678_901_234_567_890,
  ]

  @Test(arguments: zip(texts, numbers))
  func sampleValuesAreWrittenAsFoundationWritesThem(text: String, number: Double) throws {
    let sample = Sample(
      text: text, number: number, float: Float(number), integer: Int(number.magnitude.truncatingRemainder(dividingBy: 1000)) - 7,
      small: 3, flag: number > 1, missing: nil, list: [1, -2, 3], empty: [],
      table: ["b": ["z": 1, "a": 2], "B": [:], "_": ["x": 0], text: ["k": 9]], emptyTable: [:],
      numbered: [10: "ten", 2: text, 1: "one"], nested: [[number, nil], [], [0.5]])
    #expect(try PrettyJSONEncoder().encode(sample) + [0x0A] == (try SortedJSON.foundationBytes(sample)))
  }

  @Test func nonFiniteNumbersAreErrors() {
    #expect(throws: (any Error).self) { try PrettyJSONEncoder().encode([Double.nan]) }
    #expect(throws: (any Error).self) { try PrettyJSONEncoder().encode(["x": Double.infinity]) }
  }

  @Test func valuesFoundationWritesItsOwnWayAreErrors() {
    #expect(throws: (any Error).self) { try PrettyJSONEncoder().encode([Date()]) }
    #expect(throws: (any Error).self) { try PrettyJSONEncoder().encode(["d": Data([1])]) }
    #expect(throws: (any Error).self) { try PrettyJSONEncoder().encode(URL(fileURLWithPath: "/x")) }
  }

  /// Every report of the fixtures, SARIF included, as Foundation writes it.
  @Test func reportsAreWrittenAsFoundationWritesThem() throws {
    let reports = [
      ReportFixtures.report(), hostileMarkupReport(), LongPeriodFixture.report(days: 40, servers: 4),
      LongPeriodFixture.hostileReport("\u{0}\"\\/\n\u{7F}é"),
    ]
    for report in reports {
      let sarif = SARIFLog(runs: [SARIFReportWriter().run(report)])
      #expect(try SARIFReportWriter().renderedBytes(report) == (try SortedJSON.foundationBytes(sarif)))
      let document = JSONReportDocument(report: report)
      #expect(
        try JSONReportWriter().renderedBytes(report) == (try SortedJSON.foundationBytes(document)))
      // The whole document through the Codable path, sessions and findings included.
      #expect(
        try PrettyJSONEncoder().encode(document) + [0x0A]
          == (try SortedJSON.foundationBytes(document)))
    }
  }
}
