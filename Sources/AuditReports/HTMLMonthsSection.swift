import BackupAudit

/// The HTML report's table of months, for long periods: a row per month of the period with its
/// sessions by verdict, the restore tests of its snapshots and its longest freeze (linked to its
/// session), so that a year reads as twelve lines.
struct HTMLMonthsSection {
  let result: AuditResult
  let period: AuditPeriod

  /// The heading and the table.
  func nodes() -> [HTMLNode] {
    let months = SessionMonth.months(result, period: period)
    let verdictColumns = SessionMonth.verdicts.map(\.rawValue)
    let columns = ["Month", "Sessions"] + verdictColumns + ["Restore tests", "Longest freeze"]
    let table = HTMLTable(
      columns: columns,
      columnClasses: Dictionary(
        uniqueKeysWithValues: (1...(verdictColumns.count + 2)).map { ($0, "number") }),
      rows: months.map(row), className: "months")
    return [
      HTMLMarkup.element("h3", [("id", "months")], [HTMLMarkup.text("Months")]),
      table.render(),
    ]
  }

  private func row(_ month: SessionMonth) -> HTMLTable.Row {
    let worst = month.sessions.map(\.verdict).max {
      SessionCalendar.badness($0) < SessionCalendar.badness($1)
    }
    let counts = SessionMonth.verdicts.map { verdict -> [HTMLNode] in
      let count = month.count(verdict)
      return [
        count == 0 || verdict == .consistent
          ? HTMLMarkup.text("\(count)") : HTMLBadge.verdict(verdict, count: count)
      ]
    }
    let freeze: [HTMLNode] =
      month.longestFreeze(result.configuration).map { freeze in
        [
          HTMLMarkup.text(HTMLFormat.duration(milliseconds: freeze.milliseconds) + ", "),
          HTMLMarkup.element(
            "a", [("href", "#" + HTMLFormat.sessionAnchor(freeze.session.id))],
            [HTMLMarkup.text(freeze.server)]),
        ]
      } ?? [HTMLMarkup.text("–")]
    let cells =
      [[HTMLMarkup.text(month.month)], [HTMLMarkup.text("\(month.sessions.count)")]] + counts
      + [[HTMLMarkup.text("\(month.restoreTests)")], freeze]
    return HTMLTable.Row(
      cells: cells, className: worst.map { "verdict \($0.rawValue)" })
  }
}
