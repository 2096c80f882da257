import BackupAudit

/// The marks of severities and verdicts, which differ in shape and glyph as well as in colour,
/// so that a finding stands out in grey print and to colour-blind readers.
///
/// A critical finding (an inconsistent session) is a red disc with a cross, a warning (a
/// degraded session) an amber triangle with `!`, unknown evidence a purple square with `?` (a
/// diamond would read as the replacement character) and a consistent session a green disc with
/// a tick; a session still in progress is a blue disc with a clock's hands. Each has a white
/// outline, so that it stays visible over the bars it marks.
enum SVGSymbol: String {
  case cross
  case exclamation
  case question
  case tick
  case clock

  /// The mark of a finding of `severity`.
  init(_ severity: Severity) {
    switch severity {
    case .critical: self = .cross
    case .warning: self = .exclamation
    case .unknown: self = .question
    }
  }

  /// The mark of a session with `verdict`: the mark of the finding that decided it.
  init(_ verdict: Verdict) {
    switch verdict {
    case .consistent: self = .tick
    case .degraded: self = .exclamation
    case .inconsistent: self = .cross
    case .unknown: self = .question
    case .inProgress: self = .clock
    }
  }

  /// The same mark as a character, for HTML text beside a severity or verdict.
  var character: String {
    switch self {
    case .cross: "✕"
    case .exclamation: "!"
    case .question: "?"
    case .tick: "✓"
    case .clock: "◷"
    }
  }

  /// The mark centred on (`x`, `y`), `size` wide, in the colour of `className` (a severity
  /// or verdict), with `title` as its tooltip.
  func mark(
    x: Double, y: Double, size: Double = 15, className: String, title: String
  ) -> HTMLNode {
    let scale = size / 16
    let glyph: HTMLNode =
      switch self {
      case .cross: SVG.path("M-3 -3L3 3M3 -3L-3 3", className: "glyph")
      case .exclamation: SVG.path("M0 -3.2V1.2M0 3.4V3.9", className: "glyph")
      case .question:
        SVG.path(
          "M-2.4 -2.2C-2.4 -5.4 2.6 -5.4 2.6 -2.4C2.6 -0.4 0 -0.4 0 1.6M0 3.6V4.1",
          className: "glyph")
      case .tick: SVG.path("M-3.4 0.2L-1 2.6L3.6 -2.6", className: "glyph")
      case .clock: SVG.path("M0 -4.2V0H3.2", className: "glyph")
      }
    let shape: HTMLNode =
      switch self {
      case .cross, .tick, .clock: SVG.circle(x: 0, y: 0, radius: 7.5, className: "shape")
      case .exclamation: SVG.path("M0 -8.5L8.5 6.8H-8.5Z", className: "shape")
      case .question:
        SVG.path(
          "M-5.5 -7H5.5Q7 -7 7 -5.5V5.5Q7 7 5.5 7H-5.5Q-7 7 -7 5.5V-5.5Q-7 -7 -5.5 -7Z",
          className: "shape")
      }
    let transform = "translate(\(SVG.number(x)) \(SVG.number(y))) scale(\(SVG.number(scale)))"
    return HTMLMarkup.element(
      "g", [("class", "mark \(className)"), ("transform", transform)],
      [HTMLMarkup.element("title", [], [HTMLMarkup.text(title)]), shape, glyph])
  }
}
