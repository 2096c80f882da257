#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Something that yields bytes in order: a file, standard input, a decompressor, memory.
///
/// Sources are classes because they own resources (descriptors, zlib streams) that `deinit`
/// releases; each is used by one reader at a time.
public protocol ByteSource: AnyObject {
  /// Reads up to `buffer.count` bytes into `buffer`; returns 0 only at the end of the input.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// Bytes held in memory; the in-memory reading path and tests use it.
public final class MemoryByteSource: ByteSource {
  /// The whole input.
  private let bytes: [UInt8]
  /// The index of the next byte to hand out; `offset <= bytes.count`.
  private var offset = 0
  /// The most bytes one `read` hands out, so tests can force short reads.
  private let maximumRead: Int

  /// Creates a source over `bytes`, handing out at most `maximumRead` bytes per read.
  public init(_ bytes: [UInt8], maximumRead: Int = .max) {
    self.bytes = bytes
    self.maximumRead = max(1, maximumRead)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    let count = min(buffer.count, bytes.count - offset, maximumRead)
    guard count > 0 else { return 0 }
    bytes.withUnsafeBytes { source in
      buffer.baseAddress!.copyMemory(from: source.baseAddress! + offset, byteCount: count)
    }
    offset += count
    return count
  }
}

/// The text of the current `errno`, e.g. "permission denied".
func errnoText() -> String {
  let text = String(cString: strerror(errno))
  return text.prefix(1).lowercased() + text.dropFirst()
}
