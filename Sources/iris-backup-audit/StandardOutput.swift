import Foundation

/// Buffered standard output for reports; a reader that closed the pipe ends the program quietly
/// (SIGPIPE keeps its default action).
final class StandardOutput {
  private var buffer = Data()

  /// Appends `data`, writing out whenever 64 KiB have gathered.
  func write(_ data: Data) {
    buffer.append(data)
    if buffer.count >= 1 << 16 { flush() }
  }

  /// Writes out what has gathered.
  func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
