import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Writes a report file atomically: a temporary file beside it, then a rename, so a reader
/// (a Prometheus textfile collector, a dashboard) never sees half a report.
public enum ReportFile {
  /// Writes `text` to `path`; a failure is one line naming the path and the system's reason
  /// (`cannot write /no/such/dir/x.json: No such file or directory`).
  public static func write(_ text: String, to path: String) throws(AuditPipelineError) {
    let target = URL(fileURLWithPath: path)
    let temporary = target.deletingLastPathComponent()
      .appendingPathComponent(
        ".\(target.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).tmp"
      ).path
    let bytes = Array(text.utf8)
    let descriptor = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else { throw failure(path) }
    var written = 0
    while written < bytes.count {
      let count = bytes[written...].withUnsafeBytes { Glibc.write(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        let error = failure(path)
        close(descriptor)
        unlink(temporary)
        throw error
      }
      written += count
    }
    guard close(descriptor) == 0 else {
      let error = failure(path)
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let error = failure(path)
      unlink(temporary)
      throw error
    }
  }

  private static func failure(_ path: String) -> AuditPipelineError {
    .output("cannot write \(path): \(String(cString: strerror(errno)))")
  }
}
