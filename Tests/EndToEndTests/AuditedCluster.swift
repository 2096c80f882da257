import Foundation
import TestSupport
import Testing

/// A cluster folder of hand-made logs, audited by the real binary with its JSON report decoded.
struct AuditedCluster {
  let folder: TemporaryFolder

  /// Writes each server's log as `<name>/messages.log`.
  init(_ logs: [String: TestLog]) throws {
    folder = try TemporaryFolder()
    for (name, log) in logs { try folder.write("\(name)/messages.log", text: log.text) }
  }

  /// 2021-08-11T05:00:00Z plus `second`, as `--report-time` takes it.
  static func time(_ second: Double) -> String {
    let base = Date(timeIntervalSince1970: 1_628_658_000 + second)
    let formatter = ISO8601DateFormatter()
    return formatter.string(from: base)
  }

  /// Runs `audit FOLDER --format json` with `arguments` and decodes the report.
  func audit(_ arguments: [String] = [], reportAt second: Double = 86_400 * 30) throws -> Report {
    let run = try CommandRunner.run(
      ["audit", folder.path, "--format", "json", "--tz", "UTC", "--report-time", Self.time(second)]
        + arguments)
    let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
    let document = try #require(object as? [String: Any], "\(run.standardError)")
    return Report(status: run.status, document: document, standardError: run.standardError)
  }

  /// Runs the binary with `arguments` (no folder added).
  func run(_ arguments: [String]) throws -> CommandRunner.Result {
    try CommandRunner.run(arguments)
  }
}

/// A decoded JSON report and the exit status that came with it.
struct Report {
  var status: Int32
  var document: [String: Any]
  var standardError: String

  var sessions: [[String: Any]] { document["sessions"] as? [[String: Any]] ?? [] }
  var findings: [[String: Any]] { document["findings"] as? [[String: Any]] ?? [] }
  var servers: [[String: Any]] { document["servers"] as? [[String: Any]] ?? [] }

  /// `rule server` of every finding, in report order.
  var fired: [String] {
    findings.map { "\($0["rule"] as? String ?? "?") \($0["server"] as? String ?? "*")" }
  }

  /// The findings of the session at `index` (in order of start), as `rule server`.
  func fired(inSession index: Int) -> [String] {
    guard index < sessions.count, let id = sessions[index]["id"] as? String else { return [] }
    return findings.filter { $0["session"] as? String == id }.map {
      "\($0["rule"] as? String ?? "?") \($0["server"] as? String ?? "*")"
    }
  }

  /// Every evidence line's text, over all findings.
  var citedLines: [String] {
    findings.flatMap { ($0["evidence"] as? [[String: Any]] ?? []).compactMap { $0["text"] as? String } }
  }

  func verdict(_ index: Int) -> String? {
    index < sessions.count ? sessions[index]["verdict"] as? String : nil
  }
}
