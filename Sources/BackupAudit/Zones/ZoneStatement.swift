import BackupEvents

/// What a server's `instance-start` lines say about its clock (SPEC §3.3): IRIS 2024.1 and
/// later state the UTC time of each start next to the local timestamp, so the log's own UTC
/// offset is known, and so is how far the configured zone's reading of it is off.
///
/// A reading off by a minute or more (`zone-mismatch`) is corrected: every event takes the
/// correction of the latest start at or before it (before the first start, the first one's),
/// so that a wrong zone in the configuration cannot move a server by hours and turn healthy
/// backups into missing members. A smaller difference is the clocks' precision: no correction.
public struct ZoneStatement: Sendable, Equatable {
  /// One `instance-start` line and what it states.
  public struct Start: Sendable, Equatable {
    public var event: BackupEvent
    /// The stated UTC instant minus the configured zone's reading of the local timestamp.
    public var difference: Int64
    /// The log's own offset from UTC (local minus UTC), in minutes.
    public var statedOffsetMinutes: Int
    /// The configured zone's offset at that moment, in minutes.
    public var configuredOffsetMinutes: Int

    /// True when the configured zone's reading is a minute or more off the stated time.
    public var isMismatch: Bool { abs(difference) >= ZoneStatement.tolerance }
  }

  /// How far the configured reading may be off the stated UTC time before it is a mismatch.
  public static let tolerance: Int64 = 60_000

  /// The server's starts, in logged order; never empty.
  public let starts: [Start]

  /// The statement of `events` (one server's), or nil when none states its UTC time.
  public init?(events: [BackupEvent]) {
    let starts = events.compactMap { event -> Start? in
      guard event.kind == .instanceStart, let stated = event.statedUTC else { return nil }
      let local = event.localTime.secondsAsIfUTC * 1000 + Int64(event.localTime.millisecond)
      return Start(
        event: event, difference: stated - event.epochMilliseconds,
        statedOffsetMinutes: Self.minutes(local - stated),
        configuredOffsetMinutes: Self.minutes(local - event.epochMilliseconds))
    }
    guard !starts.isEmpty else { return nil }
    self.starts = starts
  }

  /// The starts whose stated time the configured zone misreads.
  public var mismatches: [Start] { starts.filter(\.isMismatch) }

  /// The offset the latest start states, as `+05:30`.
  public var statedOffset: String { Self.offsetText(starts[starts.count - 1].statedOffsetMinutes) }

  /// The correction for an instant read in the configured zone (milliseconds to add).
  public func correction(at instant: Int64) -> Int64 {
    let start = starts.last { $0.event.epochMilliseconds <= instant } ?? starts[0]
    return start.isMismatch ? start.difference : 0
  }

  /// `events` with the corrections applied.
  public func corrected(_ events: [BackupEvent]) -> [BackupEvent] {
    guard !mismatches.isEmpty else { return events }
    return events.map { event in
      var moved = event
      moved.epochMilliseconds += correction(at: event.epochMilliseconds)
      return moved
    }
  }

  /// `+05:30`, `-04:00`, `+00:00`.
  public static func offsetText(_ minutes: Int) -> String {
    let sign = minutes < 0 ? "-" : "+"
    let hours = abs(minutes) / 60
    let rest = abs(minutes) % 60
    return "\(sign)\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
  }

  private static func minutes(_ milliseconds: Int64) -> Int {
    Int((Double(milliseconds) / 60_000).rounded())
  }
}
