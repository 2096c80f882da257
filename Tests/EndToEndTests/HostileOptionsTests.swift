import Foundation
import TestSupport
import Testing

/// Issue 14: every option with empty, repeated, conflicting, huge and malformed values gives
/// exit 3 and one line on standard error: never a trap, a Foundation dump or a usage page.
struct HostileOptionsTests {
  static let cluster = "@CLUSTER@"

  static let cases: [[String]] = [
    ["audit", cluster, "--format", ""], ["audit", cluster, "--format", "nope"],
    ["audit", cluster, "--write", ""], ["audit", cluster, "--write", "json"],
    ["audit", cluster, "--write", "json="], ["audit", cluster, "--write", "nope=x"],
    ["audit", cluster, "--write", "json=/no/such/dir/x.json"],
    ["audit", cluster, "--fail-on", ""], ["audit", cluster, "--fail-on", "fatal"],
    ["audit", cluster, "--since", ""], ["audit", cluster, "--since", "99999999999999h"],
    ["audit", cluster, "--since", "2021-13-45"], ["audit", cluster, "--until", "garbage"],
    ["audit", cluster, "--since", "1h", "--until", "2h"],
    ["audit", cluster, "--freeze-timeout", ""], ["audit", cluster, "--freeze-timeout", "-5s"],
    ["audit", cluster, "--freeze-timeout", "999999999999999999999s"],
    ["audit", cluster, "--freeze-timeout", "0s"], ["audit", cluster, "--max-quiesce", "ten"],
    ["audit", cluster, "--skew-tolerance", "1y"], ["audit", cluster, "--rpo", "x"],
    ["audit", cluster, "--report-time", "x"], ["audit", cluster, "--tz", ""],
    ["audit", cluster, "--tz", "Mars/Base"], ["audit", cluster, "--legacy-year", "abc"],
    ["audit", cluster, "--legacy-year", "99999999999999999999"],
    ["audit", cluster, "--legacy-year", "0"], ["audit", cluster, "--server", ""],
    ["audit", cluster, "--server", "=x"], ["audit", cluster, "--server", "a="],
    ["audit", cluster, "--server", "a=/no/such"], ["audit", "--config", ""],
    ["audit", "--config", "/no/such"], ["audit", "--config", "/"],
    ["audit", cluster, "--last", "--wait", "x"], ["audit", cluster, "--wait", "5s"],
    ["audit", cluster, "--restored", ""], ["audit"], ["audit", "/no/such/path"],
    ["audit", cluster, "--nope"], ["audit", cluster, "--format"],
    ["audit", cluster, String(repeating: "x", count: 100_000)],
    ["audit", cluster, "--since", String(repeating: "9", count: 10_000) + "h"],
    ["events"], ["events", "/no/such"], ["events", cluster, "--tz", "Mars"],
    ["rules", "nope"], ["simulate"], ["simulate", "@SCRATCH@", "--servers", "0"],
    ["simulate", "@SCRATCH@", "--fault-rate", "2"], ["simulate", "@SCRATCH@", "--faults", "nope"],
    ["nope"],
  ]

  @Test(arguments: cases)
  func aBadValueIsOneLineAndExitThree(arguments: [String]) throws {
    let folder = try TemporaryFolder()
    var log = TestLog()
    log.noise(0)
    try folder.write("vm1/messages.log", text: log.text)
    let given = arguments.map {
      $0.replacingOccurrences(of: Self.cluster, with: folder.path)
        .replacingOccurrences(of: "@SCRATCH@", with: folder.path + "/simulated")
    }
    let run = try CommandRunner.run(given)
    let described = given.map { $0.count > 40 ? String($0.prefix(40)) + "…" : $0 }
    #expect(run.status == 3, "\(described): \(run.standardError)")
    let lines = run.standardError.split(separator: "\n", omittingEmptySubsequences: false)
      .filter { !$0.isEmpty }
    #expect(lines.count == 1, "\(described): \(run.standardError)")
    #expect(lines.first?.hasPrefix("iris-backup-audit: error: ") == true, "\(run.standardError)")
    #expect(!run.standardError.contains("Fatal error"))
    #expect(!run.standardError.contains("NSCocoaErrorDomain"))
    #expect(run.standardOutput.isEmpty, "\(described): \(run.standardOutput)")
  }
}
