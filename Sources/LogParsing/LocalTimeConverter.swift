import Foundation

/// How a wall-clock time maps to an instant in its zone.
public enum LocalTimeStatus: String, Sendable, Codable, CaseIterable {
  /// Exactly one instant.
  case exact
  /// Two instants (a DST fall-back repeats the hour); the earlier was taken.
  case ambiguous
  /// No instant (a DST spring-forward skips the hour); read with the offset before the change.
  case skipped
}

/// Converts a server's wall-clock times to absolute instants in its IANA zone.
///
/// Entries come mostly in order, so the offset of the current day is kept and reused when the
/// whole day has one (zones change their offset a few days a year); on a day that changes it,
/// the offset of the last 15-minute stretch free of the change (zones change on quarter hours).
/// A sparse log (an entry every few minutes) thus asks the zone twice a day, not per stretch.
public final class LocalTimeConverter {
  /// The zone the server's log was written in.
  public let timeZone: TimeZone
  /// The 15-minute stretch (local seconds / 900) whose offset is cached; `Int64.min` when none.
  private var cachedStretch = Int64.min
  /// The UTC offset in seconds valid for the whole of `cachedStretch`.
  private var cachedOffset = 0
  /// The last date converted and its days since the epoch: consecutive entries are mostly on
  /// the same day.
  private var cachedDate = (year: Int.min, month: 0, day: 0)
  private var cachedDays: Int64 = 0
  /// The UTC offset valid for the whole of the cached day, when it has one.
  private var cachedDayOffset: Int?

  /// Creates a converter for `timeZone`.
  public init(timeZone: TimeZone) {
    self.timeZone = timeZone
  }

  /// The instant in milliseconds since the epoch, and whether the wall time was unambiguous.
  public func convert(_ time: LocalTimestamp) -> (epochMilliseconds: Int64, status: LocalTimeStatus)
  {
    if time.day != cachedDate.day || time.month != cachedDate.month
      || time.year != cachedDate.year
    {
      cachedDate = (time.year, time.month, time.day)
      cachedDays = CivilCalendar.daysSinceEpoch(year: time.year, month: time.month, day: time.day)
      let first = resolve(cachedDays * 86_400)
      let last = resolve(cachedDays * 86_400 + 86_399)
      cachedDayOffset =
        first.status == .exact && last.status == .exact && first.offset == last.offset
        ? first.offset : nil
    }
    let local = cachedDays * 86_400 + Int64(time.hour * 3600 + time.minute * 60 + time.second)
    if let offset = cachedDayOffset {
      return ((local - Int64(offset)) * 1000 + Int64(time.millisecond), .exact)
    }
    let stretch = local >= 0 ? local / 900 : (local - 899) / 900
    if stretch != cachedStretch {
      let start = resolve(stretch * 900)
      let end = resolve(stretch * 900 + 899)
      if start.status == .exact && end.status == .exact && start.offset == end.offset {
        cachedStretch = stretch
        cachedOffset = start.offset
      } else {
        let resolved = resolve(local)
        return ((local - Int64(resolved.offset)) * 1000 + Int64(time.millisecond), resolved.status)
      }
    }
    return ((local - Int64(cachedOffset)) * 1000 + Int64(time.millisecond), .exact)
  }

  /// The instant, in milliseconds since the epoch, at which `time`'s date begins when the whole
  /// of that day has one UTC offset (every other day of most zones): `convert` of a time of
  /// that day is then this plus the milliseconds since midnight. Nil on a day that changes it.
  public func uniformDayStart(of time: LocalTimestamp) -> Int64? {
    if time.day != cachedDate.day || time.month != cachedDate.month
      || time.year != cachedDate.year
    {
      _ = convert(time)
    }
    guard let offset = cachedDayOffset else { return nil }
    return (cachedDays * 86_400 - Int64(offset)) * 1000
  }

  /// The offset to subtract from `local` (seconds read as if UTC) and how it was chosen.
  private func resolve(_ local: Int64) -> (offset: Int, status: LocalTimeStatus) {
    let before = offset(at: local - 86_400)
    let after = offset(at: local + 86_400)
    if before == after && offset(at: local - Int64(before)) == before { return (before, .exact) }
    let isBeforeValid = offset(at: local - Int64(before)) == before
    let isAfterValid = offset(at: local - Int64(after)) == after
    switch (isBeforeValid, isAfterValid) {
    case (true, true): return (max(before, after), .ambiguous)
    case (true, false): return (before, .exact)
    case (false, true): return (after, .exact)
    case (false, false): return (before, .skipped)
    }
  }

  private func offset(at utcSeconds: Int64) -> Int {
    timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utcSeconds)))
  }
}

extension LocalTimeConverter {
  /// The wall-clock time in this zone of an instant in milliseconds since the epoch.
  public func localTime(of epochMilliseconds: Int64) -> LocalTimestamp {
    let seconds = (epochMilliseconds - ((epochMilliseconds % 1000) + 1000) % 1000) / 1000
    let offset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(seconds)))
    let local = seconds + Int64(offset)
    let days = (local >= 0 ? local : local - 86_399) / 86_400
    let secondOfDay = Int(local - days * 86_400)
    let date = CivilCalendar.date(daysSinceEpoch: days)
    return LocalTimestamp(
      year: date.year, month: date.month, day: date.day, hour: secondOfDay / 3600,
      minute: secondOfDay / 60 % 60, second: secondOfDay % 60,
      millisecond: Int(((epochMilliseconds % 1000) + 1000) % 1000))
  }
}
