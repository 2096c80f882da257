/// The counts of an input that add up over the parts of a file read one after another: what a
/// reading in parts (the evidence ledger's, SPEC §11) sums, and takes back for the bytes the
/// next reading reads again.
public struct InputFigures: Sendable, Equatable, Codable {
  public var decodedBytes = 0
  public var lines = 0
  public var entries = 0
  public var unparsedLines = 0
  public var impossibleTimestamps = 0
  public var binaryLines = 0
  public var truncatedLines = 0
  public var outOfOrderEntries = 0
  public var duplicateEntries = 0
  public var matchErrors = 0
  public var containerLines = 0

  /// No counts.
  public init() {}

  /// The counts of `summary`.
  public init(_ summary: InputSummary) {
    decodedBytes = summary.decodedBytes
    lines = summary.lines
    entries = summary.entries
    unparsedLines = summary.unparsedLines
    impossibleTimestamps = summary.impossibleTimestamps
    binaryLines = summary.binaryLines
    truncatedLines = summary.truncatedLines
    outOfOrderEntries = summary.outOfOrderEntries
    duplicateEntries = summary.duplicateEntries
    matchErrors = summary.matchErrors
    containerLines = summary.containerLines
  }

  /// Sets these counts in `summary`.
  public func apply(to summary: inout InputSummary) {
    summary.decodedBytes = decodedBytes
    summary.lines = lines
    summary.entries = entries
    summary.unparsedLines = unparsedLines
    summary.impossibleTimestamps = impossibleTimestamps
    summary.binaryLines = binaryLines
    summary.truncatedLines = truncatedLines
    summary.outOfOrderEntries = outOfOrderEntries
    summary.duplicateEntries = duplicateEntries
    summary.matchErrors = matchErrors
    summary.containerLines = containerLines
  }

  /// Each count of `left` and `right` added.
  public static func + (left: InputFigures, right: InputFigures) -> InputFigures {
    left.combined(with: right, +)
  }

  /// Each count of `right` taken from `left`, never below zero: a part read again may count
  /// a little differently when read alone (its first entry cannot be out of order).
  public static func - (left: InputFigures, right: InputFigures) -> InputFigures {
    left.combined(with: right) { max(0, $0 - $1) }
  }

  private func combined(with other: InputFigures, _ combine: (Int, Int) -> Int) -> InputFigures {
    var result = InputFigures()
    for path in Self.counts {
      result[keyPath: path] = combine(self[keyPath: path], other[keyPath: path])
    }
    return result
  }

  private static var counts: [WritableKeyPath<InputFigures, Int>] {
    [
      \.decodedBytes, \.lines, \.entries, \.unparsedLines, \.impossibleTimestamps, \.binaryLines,
      \.truncatedLines, \.outOfOrderEntries, \.duplicateEntries, \.matchErrors, \.containerLines,
    ]
  }

  enum CodingKeys: String, CodingKey {
    case decodedBytes = "decoded_bytes"
    case lines, entries
    case unparsedLines = "unparsed_lines"
    case impossibleTimestamps = "impossible_timestamps"
    case binaryLines = "binary_lines"
    case truncatedLines = "truncated_lines"
    case outOfOrderEntries = "out_of_order_entries"
    case duplicateEntries = "duplicate_entries"
    case matchErrors = "match_errors"
    case containerLines = "container_lines"
  }
}
