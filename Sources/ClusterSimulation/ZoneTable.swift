import Foundation

/// The UTC offsets of one IANA zone over the simulated period, as a table of transitions, so
/// converting an instant to local time is a lookup rather than a call into Foundation.
struct ZoneTable: Sendable, Equatable {
  /// One change of offset: from `instant` (UTC milliseconds) on, the offset is `offsetAfter`.
  struct Transition: Sendable, Equatable {
    var instant: Int64
    var offsetBefore: Int64
    var offsetAfter: Int64
  }

  /// The IANA identifier, e.g. `Europe/Berlin`.
  let identifier: String
  /// The offset in milliseconds before the first transition.
  let initialOffset: Int64
  /// Transitions in increasing order of instant, all inside the table's range.
  let transitions: [Transition]

  /// Reads the zone's transitions between two instants (UTC milliseconds); nil for an
  /// unknown identifier.
  init?(identifier: String, from start: Int64, to end: Int64) {
    guard let zone = TimeZone(identifier: identifier) else { return nil }
    self.identifier = identifier
    var cursor = Date(timeIntervalSince1970: Double(start) / 1000)
    let limit = Date(timeIntervalSince1970: Double(end) / 1000)
    initialOffset = Int64(zone.secondsFromGMT(for: cursor)) * 1000
    var found: [Transition] = []
    var previous = initialOffset
    while let next = zone.nextDaylightSavingTimeTransition(after: cursor), next < limit {
      let offset = Int64(zone.secondsFromGMT(for: next)) * 1000
      let instant = Int64((next.timeIntervalSince1970 * 1000).rounded())
      if offset != previous {
        found.append(Transition(instant: instant, offsetBefore: previous, offsetAfter: offset))
      }
      previous = offset
      cursor = next
    }
    transitions = found
  }

  /// The offset (milliseconds, local minus UTC) in force at a UTC instant.
  func offset(at instant: Int64) -> Int64 {
    var offset = initialOffset
    for transition in transitions {
      if instant < transition.instant { break }
      offset = transition.offsetAfter
    }
    return offset
  }

  /// The local wall time (milliseconds since 1970-01-01 00:00 local) of a UTC instant.
  func local(_ instant: Int64) -> Int64 {
    instant + offset(at: instant)
  }

  /// True when a local wall time occurs twice (the hour a DST change repeats).
  func isAmbiguous(local: Int64) -> Bool {
    transitions.contains { transition in
      transition.offsetAfter < transition.offsetBefore
        && local >= transition.instant + transition.offsetAfter
        && local < transition.instant + transition.offsetBefore
    }
  }

  /// True when a local wall time never occurs (the hour a DST change skips).
  func isSkipped(local: Int64) -> Bool {
    transitions.contains { transition in
      transition.offsetAfter > transition.offsetBefore
        && local >= transition.instant + transition.offsetBefore
        && local < transition.instant + transition.offsetAfter
    }
  }

  /// The UTC instant a written local time denotes: the earlier one when the time is
  /// ambiguous (as a reader resolving to the first occurrence does), and for a skipped time
  /// the instant with the offset from before the change.
  func instant(local: Int64) -> Int64 {
    var offsets = [initialOffset]
    for transition in transitions where !offsets.contains(transition.offsetAfter) {
      offsets.append(transition.offsetAfter)
    }
    var best: Int64?
    for offset in offsets {
      let candidate = local - offset
      if self.offset(at: candidate) == offset, best == nil || candidate < best! {
        best = candidate
      }
    }
    return best ?? local - offset(at: local - initialOffset)
  }

  /// The first-pass windows (UTC) of the hours a DST change repeats, for scheduling a backup
  /// in an ambiguous local hour on purpose.
  var ambiguousFirstPasses: [ClosedRange<Int64>] {
    transitions.filter { $0.offsetAfter < $0.offsetBefore }.map { transition in
      (transition.instant - (transition.offsetBefore - transition.offsetAfter))...transition.instant
    }
  }
}

/// Walks a zone table forwards in time, so a writer that formats instants in increasing
/// order pays one comparison per line.
struct ZoneCursor {
  private let table: ZoneTable
  private var index = 0
  /// The offset in force before `nextChange`.
  private(set) var offset: Int64
  /// The instant the offset next changes (Int64.max when it never does).
  private var nextChange: Int64

  init(table: ZoneTable) {
    self.table = table
    offset = table.initialOffset
    nextChange = table.transitions.first?.instant ?? Int64.max
  }

  /// The local wall time of an instant; instants may go backwards a little (clock steps).
  mutating func local(_ instant: Int64) -> Int64 {
    if instant >= nextChange || (index > 0 && instant < table.transitions[index - 1].instant) {
      return instant + table.offset(at: instant) + resync(instant)
    }
    return instant + offset
  }

  private mutating func resync(_ instant: Int64) -> Int64 {
    index = table.transitions.firstIndex { $0.instant > instant } ?? table.transitions.count
    offset = index == 0 ? table.initialOffset : table.transitions[index - 1].offsetAfter
    nextChange = index < table.transitions.count ? table.transitions[index].instant : Int64.max
    return 0
  }
}
