import Foundation
import Testing

/// Compares `text` with the golden file `Snapshots/<name>`; with `RECORD_SNAPSHOTS=1` in the
/// environment, writes the file instead and fails on purpose, so a recording run is never
/// mistaken for a passing one.
func expectSnapshot(
  _ text: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation
) throws {
  let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Snapshots").appendingPathComponent(name)
  if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
    try FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data(text.utf8).write(to: url)
    Issue.record(
      "recorded snapshot \(name); run again without RECORD_SNAPSHOTS to check it",
      sourceLocation: sourceLocation)
    return
  }
  guard let data = FileManager.default.contents(atPath: url.path) else {
    Issue.record(
      "no snapshot \(name); record it with RECORD_SNAPSHOTS=1", sourceLocation: sourceLocation)
    return
  }
  let expected = String(decoding: data, as: UTF8.self)
  guard text != expected else { return }
  let actualLines = text.split(separator: "\n", omittingEmptySubsequences: false)
  let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
  let common = min(actualLines.count, expectedLines.count)
  let index = (0..<common).first { actualLines[$0] != expectedLines[$0] } ?? common
  let got = index < actualLines.count ? String(actualLines[index]) : "<end>"
  let want = index < expectedLines.count ? String(expectedLines[index]) : "<end>"
  let message = """
    snapshot \(name) differs at line \(index + 1):
      got:  \(got)
      want: \(want)
    re-record with RECORD_SNAPSHOTS=1 if the change is intended
    """
  Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
}
