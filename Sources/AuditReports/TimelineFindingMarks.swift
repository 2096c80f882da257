import BackupAudit

/// The marks of findings on one lane of a timeline: each at its finding's time, shaped and
/// coloured by its severity, with the finding as its tooltip and a link to it in the report.
///
/// Marks that would hide each other are pushed right, just clear of the one before, so that
/// four findings at the same instant read as four marks.
enum TimelineFindingMarks {
  /// The marks of `findings` (each with its index in the result's findings), `size` wide,
  /// centred on `y`.
  static func render(
    _ findings: [(index: Int, finding: Finding)], scale: TimelineScale, y: Double, size: Double
  ) -> [HTMLNode] {
    let ordered = findings.sorted {
      ($0.finding.epochMilliseconds, $0.index) < ($1.finding.epochMilliseconds, $1.index)
    }
    var previous = -Double.infinity
    return ordered.map { index, finding in
      let x = max(scale.x(finding.epochMilliseconds), previous + size - 1)
      previous = x
      let title =
        "\(finding.severity.rawValue): \(finding.rule.rawValue) on "
        + "\(finding.server ?? "the cluster") at \(timestamp(finding.epochMilliseconds)): "
        + finding.message
      return SVG.link(
        to: HTMLFormat.findingAnchor(index),
        [
          SVGSymbol(finding.severity).mark(
            x: x, y: y, size: size, className: finding.severity.rawValue, title: title)
        ])
    }
  }
}
