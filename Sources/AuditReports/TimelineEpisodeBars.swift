import BackupAudit

/// The bars of one member's episode on its lane of a session timeline, to scale: the freeze
/// (lighter while freezing and thawing), the quiesce (thin under the freeze it belongs to,
/// full height in a quiesce session), and the limit lines.
///
/// A window with no logged end runs to the edge of the plot and ends in an arrow; a thaw that
/// began but was never confirmed ends at the thaw's begin, outlined dashed; a freeze that never
/// reached `frozen` is a sliver at its begin.
struct TimelineEpisodeBars {
  let member: SessionMember
  let scale: TimelineScale
  let limit: TimelineLimit?
  /// The top of the member's lane.
  let top: Double

  /// The bars; `isFreezeSession` puts a quiesce under its freeze, `showsLimit` draws the limit.
  func nodes(isFreezeSession: Bool, showsLimit: Bool) -> [HTMLNode] {
    var nodes = freezeBars()
    nodes += quiesceBars(underFreeze: isFreezeSession && !nodes.isEmpty)
    if showsLimit { nodes += limitLines() }
    return nodes
  }

  private func freezeBars() -> [HTMLNode] {
    guard let begin = member.freezeBegin ?? member.frozen else { return [] }
    let (end, state): (Int64, String) =
      if let thawed = member.thawed {
        (thawed, "closed")
      } else if let thawBegin = member.thawBegin {
        (thawBegin, "unconfirmed")
      } else if member.frozen != nil {
        (scale.end, "open")
      } else {
        (begin, "failed")
      }
    var nodes = [
      bar(
        from: begin, to: end, y: top + 8, height: 16, className: "freeze \(state)",
        title: freezeTitle(state: state))
    ]
    if let frozen = member.frozen, frozen > begin {
      nodes.append(bar(from: begin, to: frozen, y: top + 8, height: 16, className: "phase"))
    }
    if let thawBegin = member.thawBegin, let thawed = member.thawed {
      nodes.append(bar(from: thawBegin, to: thawed, y: top + 8, height: 16, className: "phase"))
    }
    if state == "open" { nodes.append(arrow(y: top + 8, height: 16, className: "freeze")) }
    return nodes
  }

  private func quiesceBars(underFreeze: Bool) -> [HTMLNode] {
    let (y, height) = underFreeze ? (top + 26, 5.0) : (top + 8, 16.0)
    let title = quiesceTitle()
    guard let quiesced = member.quiesced else {
      guard let resumed = member.resumed else { return [] }
      return [
        bar(
          from: resumed, to: resumed, y: y, height: height, className: "quiesce point", title: title
        )
      ]
    }
    guard let resumed = member.resumed else {
      return [
        bar(
          from: quiesced, to: scale.end, y: y, height: height, className: "quiesce open",
          title: title),
        arrow(y: y, height: height, className: "quiesce"),
      ]
    }
    return [
      bar(
        from: quiesced, to: resumed, y: y, height: height, className: "quiesce closed", title: title
      )
    ]
  }

  private func limitLines() -> [HTMLNode] {
    guard let limit, let begin = limit.begin(of: member) else { return [] }
    let subject = limit.isFreeze ? "this server's freeze began" : "this server quiesced"
    var nodes = [
      line(
        at: begin + limit.milliseconds, className: "limit",
        title: "\(limit.name): \(HTMLFormat.duration(milliseconds: limit.milliseconds)) after "
          + subject)
    ]
    if let fraction = limit.nearFraction {
      let near = Int64((Double(limit.milliseconds) * fraction).rounded())
      nodes.append(
        line(
          at: begin + near, className: "near-limit",
          title: "near the \(limit.name): \(HTMLFormat.duration(milliseconds: near)) after "
            + subject))
    }
    return nodes
  }

  private func bar(
    from: Int64, to: Int64, y: Double, height: Double, className: String, title: String? = nil
  ) -> HTMLNode {
    SVG.rect(
      x: scale.x(from), y: y, width: scale.width(from: from, to: to, minimum: 3), height: height,
      [("class", className), ("data-server", title == nil ? nil : member.server)], title: title)
  }

  /// An arrowhead past the plot's end: the window goes on beyond the evidence.
  private func arrow(y: Double, height: Double, className: String) -> HTMLNode {
    let x = scale.x(scale.end)
    let data =
      "M\(SVG.number(x)) \(SVG.number(y))L\(SVG.number(x + height * 0.6)) "
      + "\(SVG.number(y + height / 2))L\(SVG.number(x)) \(SVG.number(y + height))Z"
    return SVG.path(data, className: "\(className) arrow")
  }

  private func line(at instant: Int64, className: String, title: String) -> HTMLNode {
    let x = scale.x(instant)
    return SVG.line(
      x1: x, y1: top + 3, x2: x, y2: top + TimelineSessionDetail.laneHeight - 3,
      className: className, title: title)
  }

  private func freezeTitle(state: String) -> String {
    var parts = ["\(member.server): freeze began \(clock(member.freezeBegin))"]
    parts.append("frozen \(clock(member.frozen))")
    parts.append("thaw began \(clock(member.thawBegin))")
    parts.append("thawed \(clock(member.thawed))")
    if let begin = member.freezeBegin ?? member.frozen, let thawed = member.thawed {
      parts.append("frozen for \(HTMLFormat.duration(milliseconds: thawed - begin))")
    }
    switch state {
    case "open": parts.append("no thaw before the evidence ends")
    case "unconfirmed": parts.append("the thaw did not confirm")
    case "failed": parts.append("never reached frozen")
    default: break
    }
    return parts.joined(separator: ", ")
  }

  private func quiesceTitle() -> String {
    var parts = ["\(member.server): quiesced \(clock(member.quiesced))"]
    parts.append("resumed \(clock(member.resumed))")
    if let quiesced = member.quiesced, let resumed = member.resumed {
      parts.append("quiesced for \(HTMLFormat.duration(milliseconds: resumed - quiesced))")
    }
    return parts.joined(separator: ", ")
  }

  /// A time of day in UTC with milliseconds, or `not logged`.
  private func clock(_ instant: Int64?) -> String {
    instant.map { TimelineScale.label($0, step: 1) + "Z" } ?? "not logged"
  }
}
