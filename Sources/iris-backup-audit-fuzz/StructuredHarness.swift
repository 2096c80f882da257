import LogParsing

/// One line through the structured-log parser (`StructuredLogLine.parse`, both forms) and the
/// allocation-free timestamp reader the scanner's fast path uses instead of it
/// (`pairsTimestamp`), and through the line classifier.
///
/// The fast path trusts that `pairsTimestamp` accepts a line only when `parse` reads it as
/// name/value pairs with that timestamp, and accepts every such line without a backslash:
/// the harness checks both, and that a parsed line's fields are what the scanner can use.
enum StructuredHarness {
  static func run(_ input: UnsafeRawBufferPointer) {
    // A line as the reader hands it out: without its terminator, never holding one.
    let line = input.prefix { $0 != 0x0A }
    let bytes = UnsafeRawBufferPointer(rebasing: line)
    let parsed = StructuredLogLine.parse(bytes)
    let fast = StructuredLogLine.pairsTimestamp(bytes)
    let pairs = parsed.flatMap { $0.layout == .structuredPairs ? $0.timestamp : nil }
    if let fast {
      require(pairs == fast, "pairsTimestamp \(fast) but parse \(String(describing: parsed))")
    }
    if !bytes.contains(UInt8(ascii: "\\")) {
      require(
        fast == pairs,
        "parse read pairs at \(String(describing: pairs)), pairsTimestamp \(String(describing: fast))")
    }
    if let parsed {
      require(parsed.timestamp.isValid, "an invalid timestamp \(parsed.timestamp)")
      require(
        parsed.layout == .structuredPairs || parsed.layout == .structuredJSON,
        "layout \(parsed.layout)")
      require(parsed.severity.map { (0...3).contains($0) } ?? true, "severity \(parsed.severity!)")
    }
    switch LineClassifier.classify(bytes) {
    case .entry(let header):
      require(header.messageStart <= bytes.count, "message start past the line: \(header)")
      if let category = header.category {
        require(
          category.lowerBound <= category.upperBound && category.upperBound <= bytes.count,
          "category \(category) outside the line of \(bytes.count) bytes")
      }
      require(header.severity.map { (0...3).contains($0) } ?? true, "severity in \(header)")
    case .recovery(let time):
      require(time.isValid, "recovery at an invalid time \(time)")
    case .impossibleTimestamp, .other:
      break
    }
  }
}
