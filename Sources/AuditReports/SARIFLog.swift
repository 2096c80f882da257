/// The SARIF 2.1.0 log as `JSONEncoder` writes it: the objects and property names of the OASIS
/// standard that this report uses. An absent optional is left out, as SARIF prefers to `null`.
struct SARIFLog: Encodable {
  let schema = "https://json.schemastore.org/sarif-2.1.0.json"
  let version = "2.1.0"
  let runs: [SARIFRun]

  enum CodingKeys: String, CodingKey {
    case schema = "$schema"
    case version, runs
  }
}

/// The one run of the audit: the tool and its rules, the inputs, the invocation, the results.
struct SARIFRun: Encodable {
  let tool: SARIFTool
  let invocations: [SARIFInvocation]
  let artifacts: [SARIFArtifact]
  let results: [SARIFResult]
  let properties: [String: String]
}

struct SARIFTool: Encodable {
  let driver: SARIFDriver
}

struct SARIFDriver: Encodable {
  let name: String
  let version: String
  let informationUri: String?
  let rules: [SARIFRule]
}

/// A rule of the catalogue (`reportingDescriptor`).
struct SARIFRule: Encodable {
  let id: String
  let shortDescription: SARIFMessage
  let fullDescription: SARIFMessage
  let help: SARIFMessage
  let defaultConfiguration: SARIFConfiguration
  let properties: [String: String]
}

struct SARIFConfiguration: Encodable {
  let level: String
}

/// A `message` or description: plain text, never Markdown.
struct SARIFMessage: Encodable {
  let text: String
}

/// How the audit ran: its exit status and when the report was made.
struct SARIFInvocation: Encodable {
  let executionSuccessful: Bool
  let exitCode: Int32
  let endTimeUtc: String
}

/// An input file, with its size and hash.
struct SARIFArtifact: Encodable {
  let location: SARIFArtifactLocation
  let length: Int
  let hashes: [String: String]?
  let roles: [String]
  let properties: [String: String]
}

struct SARIFArtifactLocation: Encodable {
  /// A URI reference: percent-encoded, `file://` for an absolute path.
  let uri: String
  /// The position of the file in `run.artifacts`, when it is one of the inputs.
  let index: Int?
}

/// A finding.
struct SARIFResult: Encodable {
  let ruleId: String
  let ruleIndex: Int?
  let level: String
  let message: SARIFMessage
  let locations: [SARIFLocation]?
  let relatedLocations: [SARIFLocation]?
  let partialFingerprints: [String: String]
  let properties: [String: String]
}

/// An evidence line: the file, the line number and its text.
struct SARIFLocation: Encodable {
  let id: Int?
  let physicalLocation: SARIFPhysicalLocation
}

struct SARIFPhysicalLocation: Encodable {
  let artifactLocation: SARIFArtifactLocation
  let region: SARIFRegion
}

struct SARIFRegion: Encodable {
  let startLine: Int
  let snippet: SARIFMessage
}
