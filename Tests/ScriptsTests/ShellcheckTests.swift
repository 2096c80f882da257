import Foundation
import TestSupport
import Testing

/// Every shipped script passes shellcheck at its default severity: no output at all.
struct ShellcheckTests {
  static let shellcheck = ScriptRunner.onPath("shellcheck")
  static let scripts = [
    "azure-backup/prescript.sh", "azure-backup/postScript.sh", "cron/daily-audit.sh",
  ]

  @Test(
    .enabled(
      if: ShellcheckTests.shellcheck != nil, "shellcheck is not on PATH (Debian package shellcheck)"
    ),
    arguments: ShellcheckTests.scripts)
  func scriptPassesShellcheck(script: String) throws {
    let folder = try TemporaryFolder()
    let run = try ScriptRunner.run(
      try #require(Self.shellcheck), [ScriptRunner.sample(script)], environment: [:],
      scratch: folder.path)
    #expect(run.status == 0)
    #expect(run.standardOutput.isEmpty, "\(run.standardOutput)")
  }

  @Test(
    .enabled(
      if: ShellcheckTests.shellcheck != nil, "shellcheck is not on PATH (Debian package shellcheck)"
    ))
  func standInPassesShellcheck() throws {
    let folder = try TemporaryFolder()
    let path = try folder.write("iris", text: StandInInstance.script)
    let run = try ScriptRunner.run(
      try #require(Self.shellcheck), [path], environment: [:], scratch: folder.path)
    #expect(run.status == 0)
    #expect(run.standardOutput.isEmpty, "\(run.standardOutput)")
  }

  @Test(arguments: ShellcheckTests.scripts)
  func scriptIsExecutableBash(script: String) throws {
    let path = ScriptRunner.sample(script)
    #expect(FileManager.default.isExecutableFile(atPath: path))
    #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("#!/bin/bash\n"))
  }
}
