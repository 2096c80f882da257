import BackupAudit

/// The whole audited period on one strip: a mark per session coloured and shaped by its
/// verdict (consistent ones smaller, so that the others stand out), then a lane per server
/// with the span its logs cover, a tick per episode it took part in, its findings and its
/// restore tests.
///
/// A month is millions of seconds and a freeze a few hundred, so the strip shows where the
/// sessions and findings are, not how long they lasted: every mark links to the session's own
/// timeline (or the finding), where the windows are drawn to scale.
struct TimelineOverview {
  static let laneHeight: Double = 26
  static let markGap: Double = 17

  let result: AuditResult
  let scale: TimelineScale
  /// Servers in the result's order, then any other server a session or finding names, then
  /// `cluster` for findings about no one server.
  let lanes: [String]

  /// The overview of `result`, or nil when nothing in it has a time.
  init?(_ result: AuditResult) {
    self.result = result
    guard let period = AuditPeriod(result) else { return nil }
    scale = TimelineScale(start: period.start, end: period.end)
    var lanes = result.servers.map(\.name)
    let named =
      result.sessions.flatMap { $0.members.map(\.server) + $0.restoreTests.map(\.server) }
      + result.findings.map { $0.server ?? TimelineSessionDetail.clusterLane }
    for name in named where !lanes.contains(name) { lanes.append(name) }
    self.lanes = lanes
  }

  /// The strip as an SVG element.
  func render() -> HTMLNode {
    let xs = result.sessions.map { scale.x($0.start) }
    let rows = TimelineScale.rows(xs, gap: Self.markGap)
    let sessionRows = Double((rows.max() ?? 0) + 1)
    let lanesTop = 8 + sessionRows * 18 + 8
    let axisTop = lanesTop + Double(lanes.count) * Self.laneHeight
    var nodes = axis(top: axisTop)
    nodes.append(
      SVG.text(
        "sessions", x: TimelineScale.labelWidth - 8, y: 8 + sessionRows * 9 + 4,
        className: "lane-label", anchor: "end"))
    for (session, (x, row)) in zip(result.sessions, zip(xs, rows)) {
      nodes.append(sessionMark(session, x: x, y: 17 + Double(row) * 18))
    }
    for (number, lane) in lanes.enumerated() {
      nodes += laneNodes(lane, top: lanesTop + Double(number) * Self.laneHeight)
    }
    return SVG.canvas(
      width: TimelineScale.canvasWidth, height: axisTop + 26,
      label: "overview of the audited period", className: "timeline overview", nodes)
  }

  private func sessionMark(_ session: Session, x: Double, y: Double) -> HTMLNode {
    let count = result.findings.filter { $0.session == session.id }.count
    let title =
      "\(session.id): \(session.verdict.rawValue), \(HTMLFormat.counted(count, "finding")), "
      + "\(timestamp(session.start))"
    return SVG.link(
      to: HTMLFormat.sessionAnchor(session.id),
      [
        SVGSymbol(session.verdict).mark(
          x: x, y: y, size: session.verdict == .consistent ? 11 : 15,
          className: session.verdict.rawValue, title: title)
      ])
  }

  private func laneNodes(_ lane: String, top: Double) -> [HTMLNode] {
    let coverage = result.servers.first { $0.name == lane }
    var nodes = [
      SVG.rect(
        x: TimelineScale.labelWidth, y: top + 2, width: TimelineScale.plotWidth,
        height: Self.laneHeight - 4, [("class", "lane")]),
      TimelineScale.laneLabel(
        lane, note: coverage?.isRestored == true ? "restored copy" : nil, top: top,
        height: Self.laneHeight),
    ]
    if let coverage, let from = coverage.from, let to = coverage.to {
      nodes.append(
        SVG.rect(
          x: scale.x(from), y: top + 15, width: scale.width(from: from, to: to, minimum: 2),
          height: 5, [("class", "coverage")],
          title: "\(lane): logs from \(timestamp(from)) to \(timestamp(to))"))
    }
    for session in result.sessions {
      guard let member = session.members.first(where: { $0.server == lane }) else { continue }
      let instants = TimelineLimit.instants(member)
      guard let first = instants.min(), let last = instants.max() else { continue }
      nodes.append(
        SVG.rect(
          x: scale.x(first), y: top + 6, width: scale.width(from: first, to: last, minimum: 2),
          height: 12, [("class", "episode \(session.kind.rawValue)")],
          title: "\(lane) in \(session.id)"))
    }
    nodes += restoreMarks(lane, top: top)
    return nodes + findingMarks(lane, top: top)
  }

  private func restoreMarks(_ lane: String, top: Double) -> [HTMLNode] {
    result.sessions.flatMap { session in
      session.restoreTests.filter { $0.server == lane }.map { test in
        let x = scale.x(test.restoredAt)
        let y = top + Self.laneHeight / 2
        let data =
          "M\(SVG.number(x)) \(SVG.number(y - 7))L\(SVG.number(x + 6)) \(SVG.number(y))"
          + "L\(SVG.number(x)) \(SVG.number(y + 7))L\(SVG.number(x - 6)) \(SVG.number(y))Z"
        return SVG.link(
          to: HTMLFormat.sessionAnchor(session.id),
          [
            SVG.group(
              className: "restore",
              title: "\(lane) restored from the snapshot of \(session.id) at "
                + timestamp(test.restoredAt), [SVG.path(data, className: "shape")])
          ])
      }
    }
  }

  private func findingMarks(_ lane: String, top: Double) -> [HTMLNode] {
    let onLane = result.findings.enumerated()
      .filter { ($0.element.server ?? TimelineSessionDetail.clusterLane) == lane }
      .map { (index: $0.offset, finding: $0.element) }
    return TimelineFindingMarks.render(
      onLane, scale: scale, y: top + Self.laneHeight / 2, size: 14)
  }

  /// A grid line per day (when days are far enough apart to tell), labelled as often as the
  /// labels fit.
  private func axis(top: Double) -> [HTMLNode] {
    let dayWidth = scale.width(from: 0, to: TimelineScale.day)
    let every = max(1, Int((56 / dayWidth).rounded(.up)))
    var nodes: [HTMLNode] = []
    let days = stride(from: scale.start, through: scale.end, by: Int(TimelineScale.day))
    for (number, day) in days.enumerated() {
      let isLabelled = number % every == 0
      guard isLabelled || dayWidth >= 4 else { continue }
      let x = scale.x(day)
      nodes.append(
        SVG.line(x1: x, y1: 4, x2: x, y2: top + 4, className: isLabelled ? "grid major" : "grid"))
      if isLabelled {
        nodes.append(
          SVG.text(
            TimelineScale.label(day, step: TimelineScale.day), x: x, y: top + 18,
            className: "tick", anchor: "middle"))
      }
    }
    nodes.append(
      SVG.text(
        "UTC", x: TimelineScale.labelWidth - 24, y: top + 18, className: "tick",
        anchor: "end"))
    return nodes
  }
}
