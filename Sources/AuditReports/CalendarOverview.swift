import BackupAudit
import CivilTime

/// The audited period as a calendar, for periods too long for the timeline strip: a strip per
/// calendar year, a column per week (Monday on top), a cell per day of the period.
///
/// A day's cell is coloured by the worst verdict of the sessions that started on it; a day that
/// is not consistent carries that verdict's mark (shape and glyph, not colour alone), and a day
/// without a session is an empty box, so a missed night shows as a hole. Every day with sessions
/// links to the session that decided its colour, so any failed night is one click away; its
/// tooltip gives the date, the counts and every session of the day.
struct CalendarOverview {
  static let pitch: Double = 16
  static let cell: Double = 13
  static let labelWidth: Double = 72
  /// The most week columns a year can touch (a leap year starting on a Sunday).
  static let weeks = 54
  static let monthRow: Double = 16
  static let yearGap: Double = 14
  static let width = labelWidth + Double(weeks) * pitch + 8

  let calendar: SessionCalendar

  /// The calendar as an SVG element.
  func render() -> HTMLNode {
    let years = Dictionary(grouping: calendar.days) { $0.date.prefix(4) }
    let height = Self.monthRow + 7 * Self.pitch + Self.yearGap
    var nodes: [HTMLNode] = []
    for (index, year) in years.keys.sorted().enumerated() {
      let top = Double(index) * height
      nodes += yearStrip(String(year), days: years[year] ?? [], top: top)
    }
    return SVG.canvas(
      width: Self.width, height: Double(years.count) * height,
      label: "calendar of the audited period, one cell per day", className: "calendar", nodes)
  }

  private func yearStrip(_ year: String, days: [SessionCalendar.Day], top: Double) -> [HTMLNode] {
    guard let first = days.first, let number = Int(year) else { return [] }
    // Week columns count from the week of 1 January, whether or not the period starts there.
    let january = CivilCalendar.daysSinceEpoch(year: number, month: 1, day: 1) * AuditPeriod.day
    let offset = AuditPeriod.weekday(january)
    let gridTop = top + Self.monthRow
    var nodes = [
      SVG.text(year, x: 4, y: gridTop + 3.5 * Self.pitch + 4, className: "year")
    ]
    for (row, name) in AuditPeriod.weekdayNames.enumerated() where row % 2 == 0 {
      nodes.append(
        SVG.text(
          name, x: Self.labelWidth - 6, y: gridTop + Double(row) * Self.pitch + 10,
          className: "tick", anchor: "end"))
    }
    for day in days {
      let index = Int((day.start - january) / AuditPeriod.day) + offset
      let x = Self.labelWidth + Double(index / 7) * Self.pitch
      let y = gridTop + Double(index % 7) * Self.pitch
      // A month is named above its first day, or above the period's first day when the month
      // has a fortnight left for the name to stand over.
      if day.date.hasSuffix("-01") || (day.start == first.start && day.date.suffix(2) < "18") {
        nodes.append(
          SVG.text(monthName(day.date), x: x, y: top + 11, className: "tick"))
      }
      nodes.append(cell(day, x: x, y: y))
    }
    return nodes
  }

  /// A day's cell: an empty box, a green square, or the mark of its worst verdict, linked to
  /// the session that decided it.
  private func cell(_ day: SessionCalendar.Day, x: Double, y: Double) -> HTMLNode {
    guard let worst = day.worst else {
      return SVG.rect(
        x: x + 0.5, y: y + 0.5, width: Self.cell - 1, height: Self.cell - 1,
        [("class", "day gap"), ("rx", "2")], title: day.caption)
    }
    let sessions = day.sessions.map { "\($0.id) \($0.verdict.rawValue)" }
    let title = day.caption + ": " + sessions.joined(separator: ", ")
    let drawing: HTMLNode =
      worst.verdict == .consistent
      ? SVG.rect(
        x: x, y: y, width: Self.cell, height: Self.cell,
        [("class", "day consistent"), ("rx", "2")], title: title)
      : SVGSymbol(worst.verdict).mark(
        x: x + Self.cell / 2, y: y + Self.cell / 2, size: 15, className: worst.verdict.rawValue,
        title: title)
    return SVG.link(to: HTMLFormat.sessionAnchor(worst.id), [drawing])
  }

  private func monthName(_ date: String) -> String {
    let names = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    return names[(Int(date.dropFirst(5).prefix(2)) ?? 1) - 1]
  }
}
