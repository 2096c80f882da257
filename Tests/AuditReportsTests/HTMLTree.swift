import Foundation
import Testing

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An HTML report read back as XML: elements with their attributes, children and text, the
/// entities resolved. The writer emits XHTML-style markup, so a report that does not parse,
/// or parses into another shape, has broken markup.
final class HTMLTree {
  let name: String
  let attributes: [String: String]
  private(set) var children: [HTMLTree] = []
  /// The text directly inside this element and inside its descendants, in document order.
  private(set) var text = ""
  private weak var parent: HTMLTree?

  init(name: String, attributes: [String: String], parent: HTMLTree?) {
    self.name = name
    self.attributes = attributes
    self.parent = parent
  }

  /// Parses `html`, or records an issue with the parser's error and returns nil.
  static func parse(
    _ html: String, sourceLocation: SourceLocation = #_sourceLocation
  ) -> HTMLTree? {
    let builder = Builder()
    let parser = XMLParser(data: Data(html.utf8))
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      let error = parser.parserError.map { "\($0)" } ?? "no root element"
      Issue.record(
        "the report does not parse as XML at line \(parser.lineNumber): \(error)",
        sourceLocation: sourceLocation)
      return nil
    }
    return root
  }

  /// This element and every element inside it, in document order.
  var all: [HTMLTree] { [self] + children.flatMap(\.all) }

  /// The elements named `name` inside this one (itself included).
  func elements(_ name: String) -> [HTMLTree] { all.filter { $0.name == name } }

  /// The classes of the `class` attribute.
  var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }

  /// A Double attribute.
  func number(_ attribute: String) -> Double? { attributes[attribute].flatMap(Double.init) }

  /// The nearest enclosing element named `name`.
  func ancestor(_ name: String) -> HTMLTree? {
    var node = parent
    while let current = node, current.name != name { node = current.parent }
    return node
  }

  /// Names and attribute names of every element, in order: the document's shape without its
  /// text and values.
  var shape: [String] {
    all.map { ([$0.name] + $0.attributes.keys.sorted()).joined(separator: " ") }
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var root: HTMLTree?
    var current: HTMLTree?

    func parser(
      _ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      let element = HTMLTree(name: name, attributes: attributes, parent: current)
      if let current { current.children.append(element) } else { root = element }
      current = element
    }

    func parser(
      _ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      current = current?.parent
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      var node = current
      while let element = node {
        element.text += string
        node = element.parent
      }
    }
  }
}
