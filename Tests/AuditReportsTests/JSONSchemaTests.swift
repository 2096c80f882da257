import AuditReports
import BackupAudit
import Foundation
import Testing

/// The committed schema, read from the repository.
private let schemaPath = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
  .deletingLastPathComponent().deletingLastPathComponent()
  .appendingPathComponent("Schemas/audit-report.schema.json").path

private func checker() throws -> JSONSchemaChecker {
  let data = try #require(FileManager.default.contents(atPath: schemaPath), "no \(schemaPath)")
  return JSONSchemaChecker(root: try JSONDecoder().decode(JSONValue.self, from: data))
}

/// Schema checks for other test files.
enum JSONSchemaTestsSupport {
  /// True when the JSON `text` satisfies the committed schema.
  static func isValid(_ text: String) throws -> Bool {
    try checker().errors(in: try JSONValue.parse(text)).isEmpty
  }
}

private func report(_ result: AuditResult = ReportFixtures.result()) throws -> JSONValue {
  try JSONValue.parse(try JSONReportWriter().rendered(ReportFixtures.report(result)))
}

@Test func reportValidatesAgainstTheSchema() throws {
  #expect(try checker().errors(in: try report()) == [])
}

@Test func reportWithNothingInItValidates() throws {
  let empty = AuditResult(
    configuration: AuditConfiguration(), inputs: [], servers: [], sessions: [], findings: [],
    summary: AuditSummary(
      status: .unknown, exitCode: 3, sessions: 0, findingsBySeverity: [:],
      lastConsistentSession: nil))
  #expect(try checker().errors(in: try report(empty)) == [])
}

/// One way to break a report in one place, and the error the checker must give.
enum Breakage: String, CaseIterable, Sendable {
  case missingField, renamedField, wrongType, badTime, badVersion, badVerdict, badHash

  func apply(to json: JSONValue) -> JSONValue {
    switch self {
    case .missingField: return json.setting("summary", to: nil)
    case .renamedField: return json.setting("schemaVersion", to: .string("1.0"))
    case .wrongType: return json.setting("inputs", to: .object([:]))
    case .badTime: return json.setting("generated_at", to: .string("2021-08-11 03:49:43"))
    case .badVersion: return json.setting("schema_version", to: .string("2.0"))
    case .badVerdict:
      let session = json["sessions"]![0]!.setting("verdict", to: .string("fine"))
      return json.setting("sessions", to: .array([session]))
    case .badHash:
      let input = json["inputs"]![0]!.setting("sha256", to: .string("ABC"))
      return json.setting("inputs", to: .array([input]))
    }
  }

  var expectedError: String {
    switch self {
    case .missingField: ": required property summary is missing"
    case .renamedField: ": property schemaVersion is not allowed"
    case .wrongType: "/inputs: expected array"
    case .badTime: "/generated_at: \"2021-08-11 03:49:43\" does not match"
    case .badVersion: "/schema_version: \"2.0\" does not match"
    case .badVerdict: "/sessions/0/verdict: string(\"fine\") is not one of the allowed values"
    case .badHash: "/inputs/0/sha256: string(\"ABC\") matches none of anyOf"
    }
  }
}

/// The checker is not vacuous: each of these reports breaks the schema in one place.
@Test(arguments: Breakage.allCases)
func schemaRejectsBrokenReports(breakage: Breakage) throws {
  let errors = try checker().errors(in: breakage.apply(to: try report()))
  #expect(errors.contains { $0.hasPrefix(breakage.expectedError) }, "\(errors)")
}

@Test func checkerRefusesKeywordsItDoesNotImplement() {
  let schema = JSONSchemaChecker(
    root: .object(["type": .string("string"), "format": .string("date-time")]))
  #expect(
    schema.errors(in: .string("x")) == [": schema keyword format is not supported by the checker"])
}

/// True when python3 with the `jsonschema` package is installed.
private let hasPythonJSONSchema: Bool = {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", "import jsonschema"]
  process.standardOutput = FileHandle.nullDevice
  process.standardError = FileHandle.nullDevice
  guard (try? process.run()) != nil else { return false }
  process.waitUntilExit()
  return process.terminationStatus == 0
}()

/// The complete draft 2020-12 validator, where installed: checks the schema against the
/// metaschema and the report against the schema, including what the subset checker skips.
@Test(.enabled(if: hasPythonJSONSchema, "python3 -m jsonschema is not installed"))
func reportValidatesWithTheReferenceValidator() throws {
  let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("audit-report-schema-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(at: folder) }
  let reportURL = folder.appendingPathComponent("report.json")
  try JSONReportWriter().rendered(ReportFixtures.report()).write(
    to: reportURL, atomically: true, encoding: .utf8)
  let script = """
    import json, sys, jsonschema
    schema = json.load(open(sys.argv[1]))
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2]))))
    for error in errors: print(list(error.absolute_path), error.message)
    sys.exit(1 if errors else 0)
    """
  let process = Process()
  process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  process.arguments = ["python3", "-c", script, schemaPath, reportURL.path]
  let pipe = Pipe()
  process.standardOutput = pipe
  process.standardError = pipe
  try process.run()
  let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
  process.waitUntilExit()
  #expect(process.terminationStatus == 0, "\(output)")
}
