import BackupAudit

/// The coloured labels of statuses, verdicts and severities in the HTML report's text: each
/// carries its symbol and its word as well as its colour.
enum HTMLBadge {
  /// `verdict` as a badge, after `count` when given (`10 ✕ inconsistent`).
  static func verdict(_ verdict: Verdict, count: Int? = nil) -> HTMLNode {
    badge(verdict.rawValue, symbol: SVGSymbol(verdict), count: count)
  }

  /// `severity` as a badge, after `count` when given (`18 ✕ critical`).
  static func severity(_ severity: Severity, count: Int? = nil) -> HTMLNode {
    badge(severity.rawValue, symbol: SVGSymbol(severity), count: count)
  }

  /// The class and symbol of the audit's status.
  static func style(ofStatus status: AuditStatus) -> (className: String, symbol: SVGSymbol) {
    switch status {
    case .ok: ("ok", .tick)
    case .warning: ("warning", .exclamation)
    case .critical: ("critical", .cross)
    case .unknown: ("unknown", .question)
    }
  }

  /// The audit's status as a badge.
  static func status(_ status: AuditStatus) -> HTMLNode {
    let (className, symbol) = style(ofStatus: status)
    return HTMLMarkup.element(
      "span", [("class", "badge \(className)")],
      [HTMLMarkup.text("\(symbol.character) \(status.rawValue)")])
  }

  private static func badge(_ word: String, symbol: SVGSymbol, count: Int?) -> HTMLNode {
    let text = (count.map { "\($0) " } ?? "") + "\(symbol.character) \(word)"
    return HTMLMarkup.element("span", [("class", "badge \(word)")], [HTMLMarkup.text(text)])
  }
}
