/// A table of the HTML report: a header row of column names, then rows of cells, with a class
/// per column where its cells need one (`number` aligns right, `time` never wraps).
struct HTMLTable {
  /// A row: its cells' contents, an optional class (a verdict, for the sessions table) and an
  /// optional id for links to it.
  struct Row {
    var cells: [[HTMLNode]]
    var className: String?
    var id: String? = nil
  }

  let columns: [String]
  /// The class of the cells of some columns, by index.
  let columnClasses: [Int: String]
  let rows: [Row]
  var className: String?

  /// The `table` element, in a box that scrolls sideways when the page is too narrow for it.
  func render() -> HTMLNode {
    HTMLMarkup.element("div", [("class", "scroll")], [table()])
  }

  private func table() -> HTMLNode {
    HTMLMarkup.element(
      "table", [("class", className)],
      [
        HTMLMarkup.element(
          "thead", [],
          [
            HTMLMarkup.element(
              "tr", [],
              columns.enumerated().map { column, name in
                HTMLMarkup.element("th", [("class", cellClass(column))], [HTMLMarkup.text(name)])
              })
          ]),
        HTMLMarkup.element(
          "tbody", [],
          rows.map { row in
            HTMLMarkup.element(
              "tr", [("id", row.id), ("class", row.className)],
              row.cells.enumerated().map { column, content in
                HTMLMarkup.element("td", [("class", cellClass(column))], content)
              })
          }),
      ])
  }

  private func cellClass(_ column: Int) -> String? {
    columnClasses[column]
  }
}
