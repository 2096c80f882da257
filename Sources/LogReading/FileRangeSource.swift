import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The bytes of a `LogFile` from one offset to another (or to its end), read with `pread(2)`
/// and hashed with SHA-256 as they go by.
///
/// `sha256` is the hash of exactly the bytes handed out, set once the range was read to its
/// end without an error: the hash of the range, which is the file's hash only for a range
/// that starts at 0 and runs to the end of the file.
public final class FileRangeSource: ByteSource {
  private let path: String
  private let descriptor: Int32
  /// Keeps the file, and so its descriptor, open while the source is read.
  private let owner: LogFile
  /// The next offset to read; `position <= end` when `end` is set.
  public private(set) var position: Int64
  private let end: Int64?
  private var hasher = SHA256()
  private var isAtEnd = false
  private var hasFailed = false
  private var digest: String?

  init(path: String, descriptor: Int32, from offset: Int64, to end: Int64?, owner: LogFile) {
    self.path = path
    self.descriptor = descriptor
    self.owner = owner
    position = max(0, offset)
    self.end = end.map { max($0, max(0, offset)) }
  }

  /// The SHA-256 of the bytes read, hex; nil until the range's end was reached, or after an error.
  public var sha256: String? {
    if digest == nil, isAtEnd, !hasFailed {
      digest = FileByteSource.hex(hasher.finalize())
    }
    return digest
  }

  /// True once the range was read to its end (the end of the file when no end was given).
  public var isFinished: Bool { isAtEnd && !hasFailed }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard buffer.count > 0 else { return 0 }
    var wanted = buffer.count
    if let end { wanted = Int(min(Int64(wanted), end - position)) }
    guard wanted > 0 else {
      isAtEnd = true
      return 0
    }
    while true {
      let count = pread(descriptor, buffer.baseAddress, wanted, off_t(position))
      if count > 0 {
        hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        position += Int64(count)
        return count
      }
      if count == 0 {
        // A range that ends past the end of the file was cut short: its hash is not the range's.
        if end != nil { hasFailed = true }
        isAtEnd = true
        return 0
      }
      if errno == EINTR { continue }
      hasFailed = true
      throw ReadingError.cannotRead(path: path, reason: errnoText())
    }
  }
}
