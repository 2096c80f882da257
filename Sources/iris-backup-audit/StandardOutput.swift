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

  /// Writes `bytes` out whole, after what has gathered, without copying them into the buffer
  /// (a report of years of history is megabytes).
  func write(_ bytes: [UInt8]) {
    flush()
    bytes.withUnsafeBytes { bytes in
      guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
      FileHandle.standardOutput.write(
        Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: bytes.count, deallocator: .none))
    }
  }

  /// Writes out what has gathered.
  func flush() {
    guard !buffer.isEmpty else { return }
    FileHandle.standardOutput.write(buffer)
    buffer.removeAll(keepingCapacity: true)
  }
}
