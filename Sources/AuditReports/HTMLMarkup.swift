import Plot

/// A node of the HTML report: Plot's node in the report's own context.
typealias HTMLNode = Node<HTMLMarkup.Context>

/// The one place the HTML report meets Plot: every element, attribute and piece of text of the
/// report is made here, so that text is escaped exactly once and attribute values stay quoted.
///
/// Plot's text escaping passes entity-like sequences (`&amp;`, `&#60;`) through unchanged, and
/// it writes attribute values as they are; so nothing here uses `Node.text` or hands Plot an
/// unescaped value: text goes out as raw nodes this type has escaped. Control, line-breaking
/// and bidirectional characters are shown as visible escapes (`\u{1B}`), as in the text report.
///
/// The output is XHTML-style: void and SVG elements close themselves, every attribute is
/// quoted and the only entities are XML's, so the document parses as XML as well as HTML5.
enum HTMLMarkup {
  /// The context of every node of the report.
  enum Context {}

  /// The longest log line shown whole (in characters); a longer one is cut with a count of
  /// the rest. The JSON report keeps every line whole.
  static let maximumLogLength = 2_000

  /// The document: a doctype, then `root`, indented by one space per level.
  ///
  /// Plot only indents before child elements, never inside text, so `pre` contents keep their
  /// exact characters.
  static func document(_ root: HTMLNode) -> String {
    "<!DOCTYPE html>\n" + root.render(indentedBy: .spaces(1)) + "\n"
  }

  /// An element with `attributes` in the order given (a nil value leaves the attribute out)
  /// and `children`; always an opening and a closing tag.
  static func element(
    _ name: String, _ attributes: [(String, String?)] = [], _ children: [HTMLNode] = []
  ) -> HTMLNode {
    .element(named: name, nodes: attributeNodes(attributes) + children)
  }

  /// An element that closes itself when it has no children: HTML void elements (`meta`) and
  /// SVG shapes. A child (an SVG `title`) makes it a pair of tags.
  static func leaf(
    _ name: String, _ attributes: [(String, String?)], _ children: [HTMLNode] = []
  ) -> HTMLNode {
    if children.isEmpty {
      return .selfClosedElement(named: name, attributes: attributeList(attributes))
    }
    return .element(named: name, nodes: attributeList(attributes).map(\.node) + children)
  }

  /// Text shown whole: names, paths, ids, messages, the report's own words.
  static func text(_ text: String) -> HTMLNode {
    .raw(escaped(text))
  }

  /// A log line, cut at `maximumLogLength` characters.
  static func logText(_ text: String) -> HTMLNode {
    .raw(escaped(text, limit: maximumLogLength))
  }

  /// Several pieces of text and elements side by side, without an element around them.
  static func group(_ nodes: [HTMLNode]) -> HTMLNode {
    .group(nodes)
  }

  /// A `style` element holding `css` as it is: a style sheet is raw text to HTML, so it must
  /// not hold what XML would read, or write back, as markup (`<`, `&`, `"`).
  static func style(_ css: String) -> HTMLNode {
    precondition(
      !css.contains { $0 == "<" || $0 == "&" || $0 == "\"" }, "the style sheet must stay raw text")
    return .element(named: "style", nodes: [.raw(css)])
  }

  /// `text` for an element's content or a quoted attribute value: visible escapes for what
  /// must not go out raw (`TerminalText`, plus U+FFFE and U+FFFF, which XML cannot hold), then
  /// the five characters of markup as XML's own entities.
  static func escaped(_ text: String, limit: Int = .max) -> String {
    var result = ""
    for scalar in TerminalText.sanitized(text, limit: limit).unicodeScalars {
      switch scalar {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      case "\"": result += "&quot;"
      case "'": result += "&#39;"
      case "\u{FFFE}", "\u{FFFF}":
        result += "\\u{\(String(scalar.value, radix: 16, uppercase: true))}"
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result
  }

  private static func attributeNodes(_ attributes: [(String, String?)]) -> [HTMLNode] {
    attributeList(attributes).map(\.node)
  }

  private static func attributeList(_ attributes: [(String, String?)]) -> [Attribute<Context>] {
    attributes.compactMap { name, value in
      value.map { Attribute(name: name, value: escaped($0)) }
    }
  }
}
