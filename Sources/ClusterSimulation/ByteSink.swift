#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A reusable output buffer that formats log lines by hand and writes them to a file
/// descriptor in chunks of about a megabyte: no `String` is built per noise line.
final class ByteSink {
  /// Flush once this many bytes are pending.
  static let chunk = 1 << 20
  /// The buffer holds a chunk plus room for the longest entry the writer can format.
  private let capacity = (1 << 20) + (1 << 18)
  private let storage: UnsafeMutablePointer<UInt8>
  /// Bytes pending in `storage`; invariant `count <= capacity`.
  private(set) var count = 0
  private var descriptor: Int32 = -1
  private var path = ""
  /// Bytes written to the current file, including those pending.
  private(set) var fileBytes = 0

  init() {
    storage = .allocate(capacity: capacity)
  }

  deinit {
    storage.deallocate()
  }

  /// Starts a new file (truncating it), after flushing and closing the previous one.
  func open(_ path: String) throws(SimulationError) {
    try close()
    let opened = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard opened >= 0 else { throw .cannotWrite(path: path, reason: ByteSink.reason()) }
    descriptor = opened
    self.path = path
    fileBytes = 0
  }

  /// Flushes and closes the current file, if any.
  func close() throws(SimulationError) {
    try flush()
    if descriptor >= 0 {
      _ = Glibc.close(descriptor)
      descriptor = -1
    }
  }

  /// Writes the pending bytes.
  func flush() throws(SimulationError) {
    var offset = 0
    while offset < count {
      let written = Glibc.write(descriptor, storage + offset, count - offset)
      if written < 0 {
        if errno == EINTR { continue }
        throw .cannotWrite(path: path, reason: ByteSink.reason())
      }
      offset += written
    }
    count = 0
  }

  /// Flushes when a chunk is pending; call between entries.
  @inline(__always)
  func flushIfFull() throws(SimulationError) {
    if count >= ByteSink.chunk { try flush() }
  }

  @inline(__always)
  func append(_ byte: UInt8) {
    storage[count] = byte
    count += 1
    fileBytes += 1
  }

  /// Appends bytes; entries longer than the spare room are written through.
  func append(_ bytes: [UInt8]) {
    bytes.withUnsafeBufferPointer { buffer in append(buffer) }
  }

  func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    guard let base = buffer.baseAddress, buffer.count > 0 else { return }
    if count + buffer.count > capacity { try? flush() }
    if buffer.count > capacity {
      _ = Glibc.write(descriptor, base, buffer.count)
      fileBytes += buffer.count
      return
    }
    (storage + count).update(from: base, count: buffer.count)
    count += buffer.count
    fileBytes += buffer.count
  }

  func append(_ text: String) {
    var text = text
    text.withUTF8 { append($0) }
  }

  /// Appends a non-negative integer in decimal, zero-padded to `width`.
  @inline(__always)
  func appendDecimal(_ value: Int, width: Int = 1) {
    var digits = 1
    var limit = 10
    while value >= limit && digits < 19 {
      digits += 1
      limit &*= 10
    }
    let total = max(digits, width)
    var remaining = value
    var position = count + total - 1
    while position >= count {
      storage[position] = UInt8(48 + remaining % 10)
      remaining /= 10
      position -= 1
    }
    count += total
    fileBytes += total
  }

  private static func reason() -> String {
    String(cString: strerror(errno))
  }
}
