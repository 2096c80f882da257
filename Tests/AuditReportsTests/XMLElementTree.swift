import Foundation

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// An XML document read by Foundation's `XMLParser`, a real XML 1.0 parser (libxml2 on Linux):
/// a report that parses here is well-formed, and its attributes and text are what a consumer
/// reads after unescaping.
struct XMLElementTree: Equatable {
  var name: String
  var attributes: [String: String]
  var children: [XMLElementTree] = []
  var text = ""

  /// Parses `text`, or throws the parser's error with its line and column.
  static func parse(_ text: String) throws -> XMLElementTree {
    let builder = Builder()
    let parser = XMLParser(data: Data(text.utf8))
    parser.delegate = builder
    guard parser.parse(), let root = builder.root else {
      let error = parser.parserError.map { "\($0)" } ?? "no root element"
      throw ParseError(
        description: "line \(parser.lineNumber), column \(parser.columnNumber): \(error)")
    }
    return root
  }

  /// The children named `name`.
  func elements(_ name: String) -> [XMLElementTree] {
    children.filter { $0.name == name }
  }

  /// Every element name in the tree, this one first.
  var allNames: [String] {
    [name] + children.flatMap(\.allNames)
  }

  /// `attributes[name]` as an integer.
  func integer(_ name: String) -> Int? {
    attributes[name].flatMap { Int($0) }
  }

  struct ParseError: Error, CustomStringConvertible {
    let description: String
  }

  private final class Builder: NSObject, XMLParserDelegate {
    var stack: [XMLElementTree] = []
    var root: XMLElementTree?

    func parser(
      _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
      qualifiedName: String?, attributes: [String: String] = [:]
    ) {
      stack.append(XMLElementTree(name: elementName, attributes: attributes))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
      if !stack.isEmpty { stack[stack.count - 1].text += string }
    }

    func parser(
      _ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?,
      qualifiedName: String?
    ) {
      guard let element = stack.popLast() else { return }
      if stack.isEmpty { root = element } else { stack[stack.count - 1].children.append(element) }
    }
  }
}
