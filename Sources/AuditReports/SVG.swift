/// The SVG elements of the HTML report's timelines, made through `HTMLMarkup` so that every
/// value is escaped and every shape closes itself.
///
/// Coordinates are written with at most two decimals and no trailing zeros, so the same
/// geometry always gives the same text.
enum SVG {
  /// An inline `svg` element of `width` × `height` user units, scaled down on narrow screens;
  /// `label` is what a screen reader announces.
  static func canvas(
    width: Double, height: Double, label: String, className: String, _ children: [HTMLNode]
  ) -> HTMLNode {
    HTMLMarkup.element(
      "svg",
      [
        ("xmlns", "http://www.w3.org/2000/svg"), ("class", className),
        ("viewBox", "0 0 \(number(width)) \(number(height))"), ("width", number(width)),
        ("height", number(height)), ("role", "img"), ("aria-label", label),
      ], children)
  }

  /// A rectangle; `attributes` come after the geometry (a class, data attributes).
  static func rect(
    x: Double, y: Double, width: Double, height: Double, _ attributes: [(String, String?)] = [],
    title: String? = nil
  ) -> HTMLNode {
    let geometry = [
      ("x", number(x)), ("y", number(y)), ("width", number(width)), ("height", number(height)),
    ]
    return HTMLMarkup.leaf("rect", geometry + attributes, titled(title))
  }

  /// A straight line from (`x1`, `y1`) to (`x2`, `y2`).
  static func line(
    x1: Double, y1: Double, x2: Double, y2: Double, className: String, title: String? = nil
  ) -> HTMLNode {
    HTMLMarkup.leaf(
      "line",
      [
        ("x1", number(x1)), ("y1", number(y1)), ("x2", number(x2)), ("y2", number(y2)),
        ("class", className),
      ], titled(title))
  }

  /// A path of `data` (SVG path commands).
  static func path(_ data: String, className: String) -> HTMLNode {
    HTMLMarkup.leaf("path", [("d", data), ("class", className)])
  }

  /// A circle of radius `radius` around (`x`, `y`).
  static func circle(x: Double, y: Double, radius: Double, className: String) -> HTMLNode {
    HTMLMarkup.leaf(
      "circle", [("cx", number(x)), ("cy", number(y)), ("r", number(radius)), ("class", className)])
  }

  /// A line of text whose baseline starts, centres or ends at (`x`, `y`) as `anchor` says.
  static func text(
    _ content: String, x: Double, y: Double, className: String, anchor: String = "start"
  ) -> HTMLNode {
    HTMLMarkup.element(
      "text",
      [
        ("x", number(x)), ("y", number(y)), ("class", className),
        ("text-anchor", anchor == "start" ? nil : anchor),
      ], [HTMLMarkup.text(content)])
  }

  /// A group of `children` moved to (`x`, `y`).
  static func group(
    x: Double = 0, y: Double = 0, className: String? = nil, title: String? = nil,
    _ children: [HTMLNode]
  ) -> HTMLNode {
    let transform = x == 0 && y == 0 ? nil : "translate(\(number(x)) \(number(y)))"
    return HTMLMarkup.element(
      "g", [("class", className), ("transform", transform)], titled(title) + children)
  }

  /// `children` as a link to `fragment` within the report (`#finding-3`).
  static func link(to fragment: String, _ children: [HTMLNode]) -> HTMLNode {
    HTMLMarkup.element("a", [("href", "#" + fragment)], children)
  }

  /// A value as at most two decimals without trailing zeros: `12`, `12.5`, `-0.25`.
  static func number(_ value: Double) -> String {
    let hundredths = Int64((value * 100).rounded())
    let sign = hundredths < 0 ? "-" : ""
    let whole = abs(hundredths) / 100
    let fraction = abs(hundredths) % 100
    if fraction == 0 { return "\(sign)\(whole)" }
    let digits =
      fraction % 10 == 0 ? "\(fraction / 10)" : (fraction < 10 ? "0" : "") + "\(fraction)"
    return "\(sign)\(whole).\(digits)"
  }

  /// A `title` child (the tooltip), or nothing.
  private static func titled(_ title: String?) -> [HTMLNode] {
    title.map { [HTMLMarkup.element("title", [], [HTMLMarkup.text($0)])] } ?? []
  }
}
