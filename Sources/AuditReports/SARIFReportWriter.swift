import BackupAudit
import Foundation

/// Writes the SARIF 2.1.0 report of SPEC §7, for code-scanning dashboards and archives: one run
/// whose driver lists the rule catalogue, and a result per finding located at its evidence.
///
/// - Levels: `critical` is `error`, `warning` is `warning`, and `unknown` (evidence missing) is
///   `note`: SARIF has no level for "could not tell", and `note` keeps it visible without
///   counting it as a defect; the result's `properties.severity` keeps the audit's word.
/// - The first evidence line is the result's location (`artifactLocation.uri`, `startLine`,
///   and the whole line as `snippet.text`); the others are `relatedLocations`. A finding without
///   evidence (an unreadable file) has no location.
/// - The inputs are `artifacts` with their size and SHA-256; the invocation carries the exit
///   status and the report time.
///
/// Paths become URI references: percent-encoded, and `file://` for absolute ones. Deterministic
/// like the JSON report: sorted keys, two-space indentation, one trailing newline.
public struct SARIFReportWriter: ReportWriter {
  /// Creates the writer.
  public init() {}

  /// Writes `report` as one pretty-printed SARIF log.
  public func write(_ report: AuditReport, to output: inout some TextOutputStream) throws {
    try SortedJSON.write(SARIFLog(runs: [run(report)]), format: "sarif", to: &output)
  }

  /// The SARIF level of a severity.
  static func level(_ severity: Severity) -> String {
    switch severity {
    case .critical: "error"
    case .warning: "warning"
    case .unknown: "note"
    }
  }

  /// The audit as one run.
  func run(_ report: AuditReport) -> SARIFRun {
    let result = report.result
    let catalogue = Auditor.ruleDescriptions
    let rules = catalogue.map { rule in
      SARIFRule(
        id: rule.id.rawValue, shortDescription: SARIFMessage(text: rule.summary),
        fullDescription: SARIFMessage(text: rule.explanation),
        help: SARIFMessage(text: "\(rule.remedy) (evidence: \(rule.evidence))"),
        defaultConfiguration: SARIFConfiguration(level: Self.level(rule.severity)),
        properties: ["severity": rule.severity.rawValue])
    }
    var artifactIndex: [String: Int] = [:]
    for (index, input) in result.inputs.enumerated() where artifactIndex[input.path] == nil {
      artifactIndex[input.path] = index
    }
    let locate = { (evidence: Evidence, id: Int?) in
      SARIFLocation(
        id: id,
        physicalLocation: SARIFPhysicalLocation(
          artifactLocation: SARIFArtifactLocation(
            uri: Self.uri(evidence.path), index: artifactIndex[evidence.path]),
          region: SARIFRegion(startLine: evidence.line, snippet: SARIFMessage(text: evidence.text))
        ))
    }
    let results = result.findings.map { finding in
      let related = finding.evidence.enumerated().dropFirst().map { locate($1, $0) }
      let properties: [String: String?] = [
        "severity": finding.severity.rawValue, "server": finding.server,
        "session": finding.session, "time": timestamp(finding.epochMilliseconds) as String,
      ]
      return SARIFResult(
        ruleId: finding.rule.rawValue, ruleIndex: catalogue.firstIndex { $0.id == finding.rule },
        level: Self.level(finding.severity), message: SARIFMessage(text: finding.message),
        locations: finding.evidence.first.map { [locate($0, nil)] },
        relatedLocations: related.isEmpty ? nil : related,
        partialFingerprints: ["findingIdentity/v1": Self.identity(finding)],
        properties: properties.compactMapValues { $0 })
    }
    let summary = result.summary
    return SARIFRun(
      tool: SARIFTool(
        driver: SARIFDriver(
          name: report.toolName, version: report.toolVersion, informationUri: nil, rules: rules)),
      invocations: [
        SARIFInvocation(
          executionSuccessful: true, exitCode: summary.exitCode,
          endTimeUtc: timestamp(report.generatedAt))
      ],
      artifacts: result.inputs.map { artifact($0, sha256: $0.sha256) },
      results: results,
      properties: [
        "status": summary.status.rawValue, "failOn": report.failOn.rawValue,
        "lastConsistentSession": summary.lastConsistentSession,
      ].compactMapValues { $0 })
  }

  /// An input file as an artifact the run analysed.
  private func artifact(_ input: AuditInput, sha256: String?) -> SARIFArtifact {
    SARIFArtifact(
      location: SARIFArtifactLocation(uri: Self.uri(input.path), index: nil),
      length: input.bytes, hashes: sha256.map { ["sha-256": $0] }, roles: ["analysisTarget"],
      properties: [
        "server": input.server, "entries": "\(input.entries)",
        "unparsedLines": "\(input.unparsedLines)",
        "firstTime": timestamp(input.firstEpochMilliseconds),
        "lastTime": timestamp(input.lastEpochMilliseconds), "failure": input.failure,
      ].compactMapValues { $0 })
  }

  /// What identifies a finding across runs: its rule, server, session and time.
  private static func identity(_ finding: Finding) -> String {
    [
      finding.rule.rawValue, finding.server ?? "", finding.session ?? "",
      timestamp(finding.epochMilliseconds),
    ].joined(separator: "|")
  }

  /// A path as a URI reference: unreserved ASCII and `/` kept, everything else percent-encoded
  /// (UTF-8), and `file://` before an absolute path.
  static func uri(_ path: String) -> String {
    // Never nil: a Swift string is always valid Unicode.
    let encoded = path.addingPercentEncoding(withAllowedCharacters: uriCharacters) ?? ""
    return path.hasPrefix("/") ? "file://" + encoded : encoded
  }

  private static let uriCharacters = CharacterSet(
    charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/")
}
