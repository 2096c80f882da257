/// The order in which the audit lists servers: natural order, where the digits in a name count
/// as a number, so that `shard2` comes before `shard10` and a 16-server cluster reads `master,
/// shard1, shard2, …, shard15` rather than `master, shard1, shard10, …`.
///
/// Names are compared run by run: a run of digits against a run of digits by its value, any
/// other text as strings compare. Where two names differ only in leading zeros (`shard02`,
/// `shard2`), or in nothing the runs see, plain string order decides, so the order is total and
/// every report lists the same servers in the same order. The master comes first by name: the
/// simulator and the configuration samples call it `master` and the shards `shardN`, and `m`
/// precedes `s`; the audit does not know a server's role (the configuration file does).
public enum ServerNameOrder {
  /// True when `left` comes before `right` in natural order.
  public static func precedes(_ left: String, _ right: String) -> Bool {
    precedes((left, runs(left)), (right, runs(right)))
  }

  /// `names` sorted in natural order; each name is split into runs once, not per comparison
  /// (a session of 16 members is sorted for every one of thousands of sessions).
  public static func sorted(_ names: some Sequence<String>) -> [String] {
    names.map { ($0, runs($0)) }.sorted(by: precedes).map(\.0)
  }

  private static func precedes(_ left: (String, [Run]), _ right: (String, [Run])) -> Bool {
    let (leftRuns, rightRuns) = (left.1, right.1)
    for (leftRun, rightRun) in zip(leftRuns, rightRuns) where leftRun != rightRun {
      switch (leftRun, rightRun) {
      case (.number(let a), .number(let b)):
        return a.count != b.count ? a.count < b.count : a < b
      case (.number, .text):
        return true
      case (.text, .number):
        return false
      case (.text(let a), .text(let b)):
        return a < b
      }
    }
    guard leftRuns.count == rightRuns.count else { return leftRuns.count < rightRuns.count }
    return left.0 < right.0
  }

  /// A stretch of a name: ASCII digits without their leading zeros (kept as text, so that no
  /// length of digits can overflow, and ordered by length first, which is by value), or any
  /// other text.
  private enum Run: Equatable {
    case number(Substring)
    case text(Substring)
  }

  private static func runs(_ name: String) -> [Run] {
    var runs: [Run] = []
    var rest = Substring(name)
    while let first = rest.first {
      let isDigit = isASCIIDigit(first)
      let run = rest.prefix { isASCIIDigit($0) == isDigit }
      runs.append(isDigit ? .number(run.drop { $0 == "0" }) : .text(run))
      rest = rest.dropFirst(run.count)
    }
    return runs
  }

  private static func isASCIIDigit(_ character: Character) -> Bool {
    character.isASCII && character.isNumber
  }
}
