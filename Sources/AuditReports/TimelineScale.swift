import CivilTime

/// A linear map from instants (milliseconds since the epoch) to the x coordinates of a
/// timeline's plot, with the ticks and labels of its time axis in UTC.
///
/// Every timeline of the HTML report has the same frame: lane labels on the left, the plot,
/// a margin on the right; only the span of time differs.
struct TimelineScale {
  /// The width of a timeline's canvas, in SVG user units.
  static let canvasWidth: Double = 1100
  /// The width of the lane labels left of the plot.
  static let labelWidth: Double = 150
  /// The room right of the plot, for marks and labels that overhang its end.
  static let rightMargin: Double = 30
  /// The plot's width.
  static let plotWidth = canvasWidth - labelWidth - rightMargin
  static let day: Int64 = 86_400_000

  /// The instant at the plot's left edge.
  let start: Int64
  /// The instant at the plot's right edge; always after `start`.
  let end: Int64

  /// A scale from `start` to `end`, widened to one millisecond when they are equal.
  init(start: Int64, end: Int64) {
    self.start = start
    self.end = max(end, start + 1)
  }

  /// The x coordinate of `instant` (outside the plot when `instant` is outside the span).
  func x(_ instant: Int64) -> Double {
    Self.labelWidth + Double(instant - start) / Double(end - start) * Self.plotWidth
  }

  /// The width of the span from `from` to `to`, and at least `minimum`.
  func width(from: Int64, to: Int64, minimum: Double = 0) -> Double {
    max(minimum, x(to) - x(from))
  }

  /// The ticks of the axis: multiples of the smallest round step (from 100 ms to 28 days)
  /// that puts them at least `spacing` units apart, within the span.
  func ticks(spacing: Double) -> (step: Int64, instants: [Int64]) {
    let perUnit = Double(end - start) / Self.plotWidth
    let step = Self.steps.first { Double($0) >= spacing * perUnit } ?? Self.steps.last!
    var instants: [Int64] = []
    var instant = Self.floor(start, to: step)
    if instant < start { instant += step }
    while instant <= end {
      instants.append(instant)
      instant += step
    }
    return (step, instants)
  }

  /// An axis label for `instant` on ticks `step` apart: the day (`10-21`) for steps of a day
  /// or more, else the time of day, with milliseconds below a second.
  static func label(_ instant: Int64, step: Int64) -> String {
    let time = Array(CivilCalendar.rfc3339(epochMilliseconds: instant))
    if step >= day { return String(time[5..<10]) }
    return String(time[11..<(step < 1_000 ? 23 : 19)])
  }

  /// `instant` rounded down to a multiple of `step` (UTC midnight for a day).
  static func floor(_ instant: Int64, to step: Int64) -> Int64 {
    let remainder = instant % step
    return instant - (remainder < 0 ? remainder + step : remainder)
  }

  /// `instant` rounded up to a multiple of `step`.
  static func ceiling(_ instant: Int64, to step: Int64) -> Int64 {
    let floored = floor(instant, to: step)
    return floored == instant ? instant : floored + step
  }

  /// The label of a lane `height` high at `top`: the name, cut at 20 characters (the whole
  /// name is its tooltip), with `note` under it in small type.
  static func laneLabel(_ name: String, note: String?, top: Double, height: Double) -> HTMLNode {
    let shown = name.count > 20 ? name.prefix(19) + "…" : name
    let x = labelWidth - 8
    let nameY = top + height / 2 + (note == nil ? 4 : -1)
    var nodes = [
      HTMLMarkup.element(
        "text",
        [
          ("x", SVG.number(x)), ("y", SVG.number(nameY)), ("class", "lane-label"),
          ("text-anchor", "end"),
        ],
        [HTMLMarkup.element("title", [], [HTMLMarkup.text(name)]), HTMLMarkup.text(String(shown))])
    ]
    if let note {
      nodes.append(
        SVG.text(note, x: x, y: nameY + 11, className: "lane-note", anchor: "end"))
    }
    return SVG.group(nodes)
  }

  /// A row for each of `xs` (in increasing order) such that marks in one row are at least
  /// `gap` apart: the first row with room, so that close marks stack instead of hiding.
  static func rows(_ xs: [Double], gap: Double) -> [Int] {
    var lastInRow: [Double] = []
    return xs.map { x in
      if let row = lastInRow.firstIndex(where: { x - $0 >= gap }) {
        lastInRow[row] = x
        return row
      }
      lastInRow.append(x)
      return lastInRow.count - 1
    }
  }

  /// Steps whose ticks fall on round UTC times.
  private static let steps: [Int64] = [
    100, 200, 500, 1_000, 2_000, 5_000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000,
    600_000, 900_000, 1_800_000, 3_600_000, 7_200_000, 10_800_000, 21_600_000, 43_200_000,
    day, 2 * day, 7 * day, 14 * day, 28 * day,
  ]
}
