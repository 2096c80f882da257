/// A session's member servers as the tables of sessions write them: consecutive numbered names
/// as one range (`master, shard1–shard15`), so that a 16-server cluster's row stays one line.
///
/// A range joins names with the same text before their last digits and numbers that follow one
/// another (`shard9`, `shard10`), written without leading zeros; every other name stands alone,
/// so the list names exactly the same servers as the session's members.
enum MemberList {
  /// `names` (in the order given, naturally ordered by the audit) with runs of three or more
  /// consecutive numbered names written `first–last`.
  static func compact(_ names: [String]) -> String {
    var parts: [String] = []
    var run: [String] = []
    var last: (stem: Substring, number: Int)?
    func flush() {
      parts += run.count >= 3 ? ["\(run[0])–\(run[run.count - 1])"] : run
      run = []
    }
    for name in names {
      let numbered = split(name)
      if let numbered, let previous = last, numbered.stem == previous.stem,
        numbered.number == previous.number + 1
      {
        run.append(name)
      } else {
        flush()
        run = [name]
      }
      last = numbered
    }
    flush()
    return parts.joined(separator: ", ")
  }

  /// The text before a name's trailing digits and their value, when it ends in at most nine
  /// digits without a leading zero.
  private static func split(_ name: String) -> (stem: Substring, number: Int)? {
    let digits = name.reversed().prefix { $0.isASCII && $0.isNumber }
    guard (1...9).contains(digits.count), digits.last != "0" || digits.count == 1,
      let number = Int(String(digits.reversed()))
    else { return nil }
    return (name.dropLast(digits.count), number)
  }
}
