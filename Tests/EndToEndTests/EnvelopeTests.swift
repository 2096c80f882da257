import Foundation
import TestSupport
import Testing

/// Issue 16: a simulated cluster wrapped in each envelope of SPEC §3.1 gives exactly the
/// sessions and findings of its plain logs. The simulator writes the envelopes (its own code,
/// not the reader's); their transport times are an arrival clock unrelated to the entries'
/// times, so an audit that timed entries by them would disagree.
@Suite(.serialized) struct EnvelopeTests {
  /// The faulty month's recorded command line: every rule fires, rotated and gzip-compressed.
  static var faultyMonth: [String] {
    get throws {
      let toml = try String(
        contentsOfFile: EventReading.packagePath("Samples/faulty-month/cluster.toml"),
        encoding: .utf8)
      let header = try #require(toml.split(separator: "\n").first)
      return Array(header.split(separator: " ").map(String.init).drop { $0 != "OUTDIR" }.dropFirst())
    }
  }

  static let reportTime = ["--report-time", "2021-12-01T00:00:00Z", "--format", "json"]

  /// What must not change with the envelope: each session's id, kind and verdict, each
  /// finding's rule, server, session and cited lines, the servers and their zones.
  static func essence(_ run: CommandRunner.Result) throws -> [String] {
    let object = try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8))
    let document = try #require(object as? [String: Any], "\(run.standardError)")
    let sessions = (document["sessions"] as? [[String: Any]] ?? []).map {
      "session \($0["id"] ?? "") \($0["kind"] ?? "") \($0["verdict"] ?? "")"
    }
    let findings = (document["findings"] as? [[String: Any]] ?? []).map { finding in
      let cited = (finding["evidence"] as? [[String: Any]] ?? []).map { "\($0["text"] ?? "")" }
      return "finding \(finding["rule"] ?? "") \(finding["server"] ?? "-") \(finding["session"] ?? "-") "
        + cited.joined(separator: " / ")
    }.sorted()
    let servers = (document["servers"] as? [[String: Any]] ?? []).map {
      "server \($0["name"] ?? "") \($0["timezone"] ?? "")"
    }
    let unparsed = (document["inputs"] as? [[String: Any]] ?? []).map { $0["unparsed_lines"] as? Int ?? -1 }
    return sessions + findings + servers + ["unparsed \(unparsed.reduce(0, +)) exit \(run.status)"]
  }

  static func simulate(_ envelope: String, into folder: TemporaryFolder) throws -> String {
    let output = folder.path + "/" + envelope
    let run = try CommandRunner.run(["simulate", output] + faultyMonth + ["--envelope", envelope])
    #expect(run.status == 0, "\(run.standardError)")
    return output
  }

  @Test(arguments: ["iris-main", "cri", "cri+iris-main", "docker-json", "docker-json+iris-main"])
  func aServerPerFolderEnvelopeGivesThePlainFindings(envelope: String) throws {
    let folder = try TemporaryFolder()
    let plain = try CommandRunner.run(["audit", try Self.simulate("plain", into: folder)] + Self.reportTime)
    let wrapped = try Self.simulate(envelope, into: folder)
    let run = try CommandRunner.run(["audit", wrapped] + Self.reportTime)
    let expected = try Self.essence(plain)
    #expect(expected.count > 60, "the faulty month has sessions and findings")
    #expect(try Self.essence(run) == expected)
    let inputs = try #require(
      (try JSONSerialization.jsonObject(with: Data(run.standardOutput.utf8)) as? [String: Any])?["inputs"]
        as? [[String: Any]])
    #expect(Set(inputs.map { $0["envelope"] as? String ?? "?" }) == [envelope])
    if envelope.hasSuffix("iris-main") {
      #expect(inputs.map { $0["container_lines"] as? Int ?? 0 }.reduce(0, +) > 0)
    }
  }

  @Test(arguments: ["compose", "syslog", "syslog-5424"])
  func aStreamOfEveryServerIsSplitByName(envelope: String) throws {
    let folder = try TemporaryFolder()
    let plain = try CommandRunner.run(["audit", try Self.simulate("plain", into: folder)] + Self.reportTime)
    let wrapped = try Self.simulate(envelope, into: folder)
    let run = try CommandRunner.run(
      ["audit", wrapped + "/cluster.log", "--config", wrapped + "/cluster.toml"] + Self.reportTime)
    #expect(try Self.essence(run) == Self.essence(plain))
  }

  @Test func aComposeStreamOnStandardInputIsSplitToo() throws {
    let folder = try TemporaryFolder()
    let plain = try CommandRunner.run(["audit", try Self.simulate("plain", into: folder)] + Self.reportTime)
    let wrapped = try Self.simulate("compose", into: folder)
    let stream = try Data(contentsOf: URL(fileURLWithPath: wrapped + "/cluster.log"))
    let run = try CommandRunner.run(
      ["audit", "-", "--config", wrapped + "/cluster.toml"] + Self.reportTime, input: stream)
    #expect(try Self.essence(run) == Self.essence(plain))
  }

  @Test func theEnvelopeCanBeForced() throws {
    let folder = try TemporaryFolder()
    let wrapped = try Self.simulate("cri", into: folder)
    let detected = try CommandRunner.run(["audit", wrapped] + Self.reportTime)
    let forced = try CommandRunner.run(["audit", wrapped, "--envelope", "cri"] + Self.reportTime)
    #expect(try Self.essence(forced) == Self.essence(detected))
    // Read as a plain log, a CRI file is nothing but unparsed lines.
    let misread = try CommandRunner.run(["audit", wrapped, "--envelope", "plain"] + Self.reportTime)
    #expect(misread.status == 3)
    let bad = try CommandRunner.run(["audit", wrapped, "--envelope", "gelf"])
    #expect(bad.status == 3)
    #expect(bad.standardError.contains("--envelope takes one of plain, iris-main"))
    #expect(bad.standardError.split(separator: "\n").count == 1)
  }
}
