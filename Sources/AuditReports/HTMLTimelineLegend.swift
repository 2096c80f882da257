import BackupAudit

/// The key to the timelines' marks and bars, each drawn as the timelines draw it.
enum HTMLTimelineLegend {
  /// The legend: a small drawing and its meaning per entry, with the calendar's cells first
  /// when the overview is a `calendar`.
  static func render(calendar: Bool = false) -> HTMLNode {
    let marks: [(SVGSymbol, String, String)] = [
      (.cross, "critical", "critical finding, inconsistent session"),
      (.exclamation, "warning", "warning, degraded session"),
      (.question, "unknown", "evidence missing, verdict unknown"),
      (.tick, "consistent", "consistent session"),
    ]
    var entries =
      calendar
      ? [
        entry(
          "day of consistent sessions",
          [
            SVG.rect(
              x: 3, y: 3, width: 13, height: 13, [("class", "day consistent"), ("rx", "2")])
          ]),
        entry(
          "day without a session",
          [
            SVG.rect(
              x: 3.5, y: 3.5, width: 12, height: 12, [("class", "day gap"), ("rx", "2")])
          ]),
      ] : []
    entries += marks.map { symbol, className, meaning in
      entry(meaning, [symbol.mark(x: 9, y: 9, className: className, title: meaning)])
    }
    entries += [
      entry("freeze (lighter while freezing and thawing)", [bar("freeze"), phase()]),
      entry("quiesce", [bar("quiesce")]),
      entry(
        "quiesce inside a freeze",
        [
          bar("freeze"),
          SVG.rect(
            x: 1, y: 12, width: 22, height: 4, [("class", "quiesce")]),
        ]),
      entry(
        "no end logged", [bar("freeze"), SVG.path("M24 4L30 9L24 14Z", className: "freeze")]),
      entry("limit (freeze timeout, longest quiesce)", [line("limit")]),
      entry("near the freeze timeout", [line("near-limit")]),
      entry(
        "span of a server's logs",
        [
          SVG.rect(
            x: 1, y: 7, width: 28, height: 5, [("class", "coverage")])
        ]),
      entry(
        "restore test", [SVG.path("M12 2L18 9L12 16L6 9Z", className: "shape")],
        className: "restore"),
    ]
    return HTMLMarkup.element("div", [("class", "legend")], entries)
  }

  private static func entry(
    _ meaning: String, _ drawing: [HTMLNode], className: String? = nil
  ) -> HTMLNode {
    HTMLMarkup.element(
      "span", [],
      [
        HTMLMarkup.element(
          "svg",
          [
            ("xmlns", "http://www.w3.org/2000/svg"), ("width", "32"), ("height", "18"),
            ("viewBox", "0 0 32 18"), ("aria-hidden", "true"),
          ], [SVG.group(className: className, drawing)]),
        HTMLMarkup.text(meaning),
      ])
  }

  private static func bar(_ className: String) -> HTMLNode {
    SVG.rect(x: 1, y: 3, width: 22, height: 12, [("class", className)])
  }

  private static func phase() -> HTMLNode {
    SVG.rect(x: 1, y: 3, width: 4, height: 12, [("class", "phase")])
  }

  private static func line(_ className: String) -> HTMLNode {
    SVG.line(x1: 16, y1: 1, x2: 16, y2: 17, className: className)
  }
}
