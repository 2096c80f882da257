/// One data server's clock: a fixed offset from true time, a drift that NTP keeps slewing
/// back (a triangle wave, so written times never go backwards), and temporary excursions
/// (a clock that wanders seconds off for a night, the `clock-skew` fault).
struct ServerClock: Sendable, Equatable {
  /// A temporary excursion of `amount` milliseconds, ramped in and out linearly so that the
  /// clock stays monotonic.
  struct Excursion: Sendable, Equatable {
    /// When the ramp towards `amount` starts (true UTC milliseconds).
    var rampStart: Int64
    /// When the full amount is reached; held until `holdEnd`.
    var holdStart: Int64
    var holdEnd: Int64
    /// When the clock is back on its ordinary error.
    var rampEnd: Int64
    var amount: Int64
  }

  /// The NTP slewing period: the drift error rises for one period and falls for the next.
  static let slewPeriod: Int64 = 3_600_000

  /// The constant part of the error, in milliseconds (bounded by `--skew-ms`).
  let offsetMilliseconds: Int64
  /// The drift in parts per million; the error it adds stays under drift × one period.
  let driftPartsPerMillion: Int64
  /// Where the slewing triangle starts (the simulation's start).
  let origin: Int64
  /// Excursions, in order, never overlapping.
  var excursions: [Excursion] = []

  /// The clock's error at a true instant: written time minus true time, in milliseconds.
  func error(at instant: Int64) -> Int64 {
    let period = ServerClock.slewPeriod
    var phase = (instant - origin) % (2 * period)
    if phase < 0 { phase += 2 * period }
    let triangle = phase < period ? phase : 2 * period - phase
    var error = offsetMilliseconds + triangle * driftPartsPerMillion / 1_000_000
    for excursion in excursions where instant >= excursion.rampStart && instant < excursion.rampEnd
    {
      error += excursionAmount(excursion, at: instant)
    }
    return error
  }

  /// The time the server's clock shows at a true instant (UTC milliseconds).
  func shown(_ instant: Int64) -> Int64 {
    instant + error(at: instant)
  }

  private func excursionAmount(_ excursion: Excursion, at instant: Int64) -> Int64 {
    if instant < excursion.holdStart {
      let span = max(1, excursion.holdStart - excursion.rampStart)
      return excursion.amount * (instant - excursion.rampStart) / span
    }
    if instant < excursion.holdEnd { return excursion.amount }
    let span = max(1, excursion.rampEnd - excursion.holdEnd)
    return excursion.amount * (excursion.rampEnd - instant) / span
  }
}
