/// Where the year of a year-less (legacy layout) timestamp comes from (SPEC §3.1).
public enum LegacyYearPolicy: Sendable, Equatable {
  /// The configuration says the first entry's year.
  case fixed(Int)
  /// The file's modification time: the log ends no later than this local time, so the first
  /// entry is in that year, or the year before when its month and day come later in the year.
  case modificationTime(LocalTimestamp)
  /// Nothing is known; legacy entries cannot be dated and are counted as unparsed.
  case unknown

  /// The year of the first legacy entry, written `month/day`, and how it was chosen.
  func firstYear(month: Int, day: Int) -> (year: Int, source: String)? {
    switch self {
    case .fixed(let year):
      return (year, "configuration (\(year))")
    case .modificationTime(let modified):
      let isLater = (month, day) > (modified.month, modified.day)
      let year = isLater ? modified.year - 1 : modified.year
      return (year, "file modification time (\(modified.iso8601.prefix(10)))")
    case .unknown:
      return nil
    }
  }
}
