import Foundation

/// libFuzzer's entry point: one input through the harness that `FUZZ_TARGET` names.
///
/// Built with `-DFUZZING -sanitize=fuzzer,address` (`make fuzz`), libFuzzer's own `main` calls
/// it; built without (`swift build`), `FuzzReplay` below calls it on saved inputs, so a crash
/// file replays in an ordinary debugger-friendly build.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzTestOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> Int32 {
  let input = UnsafeRawBufferPointer(start: size > 0 ? data : nil, count: size)
  FuzzTarget.selected.run(input)
  return 0
}

#if !FUZZING
  /// Replays saved inputs (files, or every file of a folder) through a harness:
  /// `iris-backup-audit-fuzz [TARGET] PATH…`, the target from `FUZZ_TARGET` when not given.
  @main
  struct FuzzReplay {
    static func main() {
      var arguments = Array(CommandLine.arguments.dropFirst())
      if let first = arguments.first, let target = FuzzTarget(rawValue: first) {
        FuzzTarget.chosen = target
        arguments.removeFirst()
      }
      guard !arguments.isEmpty else {
        FileHandle.standardError.write(Data((FuzzTarget.usage + "\n").utf8))
        exit(2)
      }
      var count = 0
      for path in arguments.flatMap(files(at:)) {
        guard let data = FileManager.default.contents(atPath: path) else {
          FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
          exit(2)
        }
        // Named before it runs, so that the input of a crash is the last one printed.
        print("\(FuzzTarget.selected.rawValue): \(path) (\(data.count) bytes)")
        data.withUnsafeBytes { bytes in
          _ = fuzzTestOneInput(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), bytes.count)
        }
        count += 1
      }
      print("\(FuzzTarget.selected.rawValue): \(count) inputs replayed, no failure")
    }

    /// `path` itself, or the files of the folder `path` in name order.
    static func files(at path: String) -> [String] {
      var isFolder: ObjCBool = false
      guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder),
        isFolder.boolValue
      else { return [path] }
      let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
      return names.filter { !$0.hasPrefix(".") }.sorted().map { path + "/" + $0 }
    }
  }
#endif
