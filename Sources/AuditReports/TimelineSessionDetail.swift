import BackupAudit

/// The timeline of one session: a lane per member server with its freeze and quiesce windows
/// drawn to scale within the session's own span, the limit they must stay within, and a mark
/// for each of the session's findings.
///
/// A session lasts seconds to minutes: on the audited month it would be a hairline, so every
/// session has a scale of its own. The limit (the freeze timeout, or the longest quiesce) is a
/// dashed line on each lane when it falls within 2.5 times the session's span; further out it
/// would squash the bars, and `notes` says where it is instead.
struct TimelineSessionDetail {
  static let laneHeight: Double = 34
  static let axisHeight: Double = 30

  let session: Session
  /// The session's findings, each with its index in the result's findings.
  let findings: [(index: Int, finding: Finding)]
  let limit: TimelineLimit?
  /// Members in the session's order, then servers with a finding but no episode, then
  /// `cluster` for findings about no one server.
  let lanes: [String]
  let scale: TimelineScale
  /// Whether the limit lines fall within the scale.
  let showsLimit: Bool

  /// Lays out `session` with its `findings` under `configuration`'s limits.
  init(
    session: Session, findings: [(index: Int, finding: Finding)],
    configuration: AuditConfiguration
  ) {
    self.session = session
    self.findings = findings
    let limit = TimelineLimit(session.kind, configuration: configuration)
    self.limit = limit
    var lanes = session.members.map(\.server)
    for (_, finding) in findings {
      let lane = finding.server ?? Self.clusterLane
      if !lanes.contains(lane) { lanes.append(lane) }
    }
    self.lanes = lanes.isEmpty ? [Self.clusterLane] : lanes
    let instants =
      [session.start, session.end] + session.members.flatMap(TimelineLimit.instants)
      + findings.map(\.finding.epochMilliseconds)
    let first = instants.min() ?? session.start
    var last = max(instants.max() ?? session.end, first + 2_000)
    let latestLimit = session.members.compactMap { limit?.end(of: $0) }.max()
    let showsLimit = latestLimit.map { $0 - first <= (last - first) * 5 / 2 } ?? false
    if showsLimit, let latestLimit { last = max(last, latestLimit) }
    self.showsLimit = showsLimit
    let margin = (last - first) / 25
    scale = TimelineScale(start: first - margin, end: last + margin)
  }

  /// The lane of findings about no one server.
  static let clusterLane = "cluster"

  /// What the timeline cannot show: a limit beyond its scale, or that no member logged an
  /// episode.
  var notes: [String] {
    guard !session.members.isEmpty else { return ["No member logged an episode of this session."] }
    guard let limit, !showsLimit else { return [] }
    let longest = session.members.compactMap { limit.duration(of: $0) }.max()
    guard let longest else { return [] }
    let share = Int((Double(longest) / Double(limit.milliseconds) * 100).rounded())
    return [
      "The \(limit.name) (\(HTMLFormat.duration(milliseconds: limit.milliseconds))) is beyond "
        + "this scale: the longest window took \(HTMLFormat.duration(milliseconds: longest)), "
        + "\(share) % of it."
    ]
  }

  /// The timeline as an SVG element.
  func render() -> HTMLNode {
    let height = Double(lanes.count) * Self.laneHeight + Self.axisHeight + 4
    var nodes = axis(height: height - Self.axisHeight)
    for (number, lane) in lanes.enumerated() {
      let top = Double(number) * Self.laneHeight
      nodes.append(laneBackground(lane, top: top))
      if let member = session.members.first(where: { $0.server == lane }) {
        nodes += TimelineEpisodeBars(member: member, scale: scale, limit: limit, top: top).nodes(
          isFreezeSession: session.kind == .clusterFreeze || session.kind == .instanceFreeze,
          showsLimit: showsLimit)
      }
      nodes += marks(on: lane, top: top)
    }
    return SVG.canvas(
      width: TimelineScale.canvasWidth, height: height,
      label: "timeline of session \(session.id)", className: "timeline session", nodes)
  }

  private func laneBackground(_ lane: String, top: Double) -> HTMLNode {
    let offset = session.members.first { $0.server == lane }?.clockOffsetMilliseconds
    return SVG.group([
      SVG.rect(
        x: TimelineScale.labelWidth, y: top + 2, width: TimelineScale.plotWidth,
        height: Self.laneHeight - 4, [("class", "lane")]),
      TimelineScale.laneLabel(
        lane, note: offset.map { "clock \($0 >= 0 ? "+" : "")\($0) ms" }, top: top,
        height: Self.laneHeight),
    ])
  }

  /// The marks of the findings on `lane`.
  private func marks(on lane: String, top: Double) -> [HTMLNode] {
    let onLane = findings.filter { ($0.finding.server ?? Self.clusterLane) == lane }
    return TimelineFindingMarks.render(
      onLane, scale: scale, y: top + Self.laneHeight / 2, size: 18)
  }

  /// Grid lines and UTC labels under the lanes.
  private func axis(height: Double) -> [HTMLNode] {
    let (step, ticks) = scale.ticks(spacing: 100)
    var nodes = ticks.map { tick in
      SVG.line(x1: scale.x(tick), y1: 0, x2: scale.x(tick), y2: height + 4, className: "grid")
    }
    nodes += ticks.map { tick in
      SVG.text(
        TimelineScale.label(tick, step: step), x: scale.x(tick), y: height + 18,
        className: "tick", anchor: "middle")
    }
    let day = String(timestamp(scale.start).prefix(10))
    nodes.append(
      SVG.text(
        "\(day) UTC", x: TimelineScale.labelWidth - 24, y: height + 18, className: "tick",
        anchor: "end"))
    return nodes
  }
}
