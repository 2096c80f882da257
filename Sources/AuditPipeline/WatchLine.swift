import AuditReports
import BackupAudit
import BackupEvents
import CivilTime
import Foundation

/// One line of `watch`'s output per change: a JSON object with `type` (`event`, `session`,
/// `finding`) and the fields of `events` and of a report's sessions and findings, keys sorted;
/// or, for a terminal, one readable line with log text made safe.
public enum WatchLine {
  /// The JSON Lines form of `change`; nil for a problem (it goes to standard error).
  public static func json(_ change: LogWatcher.Change) -> String? {
    let object: [String: Any]
    switch change {
    case .event(let event):
      // Exactly the record `events` writes.
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
      return (try? encoder.encode(EventRecord(event))).map { String(decoding: $0, as: UTF8.self) }
    case .session(let session):
      object = [
        "type": "session", "id": session.id, "kind": session.kind.rawValue,
        "verdict": session.verdict.rawValue, "start": time(session.start),
        "end": time(session.end), "checkpoint": session.checkpoint ?? NSNull(),
        "members": session.memberServers,
        "elapsed_seconds": session.members.compactMap(\.elapsedSeconds).max() ?? NSNull(),
      ]
    case .finding(let finding):
      object = [
        "type": "finding", "rule": finding.rule.rawValue, "severity": finding.severity.rawValue,
        "server": finding.server ?? NSNull(), "session": finding.session ?? NSNull(),
        "time": time(finding.epochMilliseconds), "message": finding.message,
        "evidence": finding.evidence.map { ["path": $0.path, "line": $0.line, "text": $0.text] },
      ]
    case .problem:
      return nil
    }
    guard
      let data = try? JSONSerialization.data(
        withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes])
    else { return nil }
    return String(decoding: data, as: UTF8.self)
  }

  /// The terminal form of `change`; nil for a problem.
  public static func text(_ change: LogWatcher.Change) -> String? {
    switch change {
    case .event(let event):
      return "\(time(event.epochMilliseconds))  event    \(safe(event.server))  "
        + "\(event.kind.rawValue)  \(safe(event.path)):\(event.line)"
    case .session(let session):
      let elapsed = session.members.compactMap(\.elapsedSeconds).max().map {
        ", \(Int($0.rounded(.down))) s so far"
      } ?? ""
      return "\(time(session.start))  session  \(safe(session.id))  \(session.verdict.rawValue)"
        + " (\(session.memberServers.map(safe).joined(separator: ", "))\(elapsed))"
    case .finding(let finding):
      return "\(time(finding.epochMilliseconds))  \(finding.severity.rawValue.uppercased())  "
        + "\(finding.rule.rawValue) on \(safe(finding.server ?? "cluster")): \(safe(finding.message))"
    case .problem:
      return nil
    }
  }

  private static func time(_ milliseconds: Int64) -> String {
    CivilCalendar.rfc3339(epochMilliseconds: milliseconds)
  }

  private static func safe(_ text: String) -> String {
    TerminalText.sanitized(text)
  }
}
