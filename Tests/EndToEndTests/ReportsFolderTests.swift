import Foundation
import TestSupport
import Testing

/// `reports/` holds what `make reports` makes of the samples with the current code: this test
/// regenerates them into a temporary folder and fails on any difference.
struct ReportsFolderTests {
  @Test func committedReportsAreCurrent() throws {
    let folder = try TemporaryFolder()
    let script = Process()
    script.executableURL = URL(fileURLWithPath: "/bin/bash")
    script.arguments = [
      EventReading.packagePath("reports/generate.sh"), CommandRunner.binary.path, folder.path,
    ]
    script.standardOutput = FileHandle.nullDevice
    try script.run()
    script.waitUntilExit()
    #expect(script.terminationStatus == 0)

    let committed = EventReading.packagePath("reports")
    let fresh = try Self.files(under: folder.path)
    #expect(!fresh.isEmpty)
    #expect(
      try Self.files(under: committed).filter { $0 != "generate.sh" } == fresh,
      "reports/ lists other files than a fresh generation: run `make reports`")
    for file in fresh {
      let want = FileManager.default.contents(atPath: folder.path + "/" + file)
      let have = FileManager.default.contents(atPath: committed + "/" + file)
      #expect(have == want, "reports/\(file) is not current: run `make reports`")
    }
  }

  /// Every regular file under `root`, as sorted relative paths.
  static func files(under root: String) throws -> [String] {
    let enumerator = FileManager.default.enumerator(atPath: root)
    var files: [String] = []
    while let path = enumerator?.nextObject() as? String {
      var isFolder: ObjCBool = false
      FileManager.default.fileExists(atPath: root + "/" + path, isDirectory: &isFolder)
      if !isFolder.boolValue { files.append(path) }
    }
    return files.sorted()
  }
}
