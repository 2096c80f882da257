import BackupAudit
import BackupEvents

extension ClusterConfigurationFile {
  /// The configuration as a TOML file that `parse(_:path:)` reads back as an equal value.
  ///
  /// Sections and keys come in a fixed order and defaults are written out, so the text is
  /// the same for equal values: useful to show the effective configuration and in tests.
  /// `since` and `until` of `audit` are not part of the file and are not written.
  public func tomlText() -> String {
    var lines: [String] = []
    if clusterName != nil || defaultTimeZone != nil {
      lines.append("[cluster]")
      if let clusterName { lines.append("name = \(Self.quoted(clusterName))") }
      if let defaultTimeZone { lines.append("timezone = \(Self.quoted(defaultTimeZone))") }
      lines.append("")
    }
    lines.append("[thresholds]")
    lines.append("freeze_timeout = \(Self.duration(audit.freezeTimeoutMilliseconds))")
    lines.append("max_quiesce = \(Self.duration(audit.maxQuiesceMilliseconds))")
    lines.append("skew_tolerance = \(Self.duration(audit.skewToleranceMilliseconds))")
    if let rpo = audit.rpoMilliseconds { lines.append("rpo = \(Self.duration(rpo))") }
    lines.append("fail_on = \(Self.quoted(failOn.rawValue))")
    if let legacyYear { lines.append("legacy_year = \(legacyYear)") }
    for server in servers {
      lines.append("")
      lines.append("[[servers]]")
      lines.append("name = \(Self.quoted(server.name))")
      lines.append("path = \(Self.quoted(server.declaredPath))")
      if let zone = server.timeZone { lines.append("timezone = \(Self.quoted(zone))") }
      lines.append("role = \(Self.quoted(server.role.rawValue))")
      if let source = server.restoredFrom {
        lines.append("restored_from = \(Self.quoted(source))")
      }
    }
    for entry in catalogueAdditions {
      lines.append("")
      lines.append("[[catalogue]]")
      lines.append("event = \(Self.quoted(entry.kind.rawValue))")
      lines.append("pattern = \(Self.quoted(entry.pattern))")
      if let literal = entry.literal { lines.append("literal = \(Self.quoted(literal))") }
      lines.append("scope = \(Self.quoted(entry.scope.rawValue))")
      lines.append("replace = \(replacedEvents.contains(entry.kind))")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  private static func duration(_ milliseconds: Int64) -> String {
    quoted(DurationParser.text(milliseconds: milliseconds))
  }

  /// A TOML basic string: quotes, backslashes and control characters escaped.
  static func quoted(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": result += "\\\""
      case "\\": result += "\\\\"
      case "\n": result += "\\n"
      case "\t": result += "\\t"
      case "\r": result += "\\r"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F:
        let hex = String(scalar.value, radix: 16, uppercase: true)
        result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
      default: result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }
}
