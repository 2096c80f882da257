import Crypto

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A file descriptor read with `read(2)`: a regular file, a pipe or standard input.
///
/// It hashes the bytes it hands out with SHA-256 as they go by, so a report can name each input
/// by its content without reading it twice; `sha256` is set only once the end of the input was
/// reached without an error, because the hash of part of a file is not the file's hash.
public final class FileByteSource: ByteSource {
  /// The path shown in messages (`-` for standard input).
  public let path: String
  /// The open descriptor; closed in `deinit` when `ownsDescriptor`.
  private let descriptor: Int32
  private let ownsDescriptor: Bool
  /// The running hash of every byte read so far; nil when hashing is off.
  private var hasher: SHA256?
  /// True once `read(2)` returned 0 and no read before it failed.
  private var isAtEnd = false
  /// True once a read failed: the hash can never cover the whole input.
  private var hasFailed = false
  /// The digest, computed once the end was reached.
  private var digest: String?

  /// Opens `path` for reading (`-` means standard input); `hashes: false` skips the SHA-256,
  /// for reads that stop early on purpose (peeking at a file's first entry).
  public init(path: String, hashes: Bool = true) throws {
    self.path = path
    hasher = hashes ? SHA256() : nil
    if path == "-" {
      descriptor = STDIN_FILENO
      ownsDescriptor = false
      return
    }
    let opened = open(path, O_RDONLY | O_CLOEXEC)
    guard opened >= 0 else { throw ReadingError.cannotOpen(path: path, reason: errnoText()) }
    var status = stat()
    if fstat(opened, &status) == 0, (status.st_mode & S_IFMT) == S_IFDIR {
      close(opened)
      throw ReadingError.cannotOpen(path: path, reason: "is a directory")
    }
    descriptor = opened
    ownsDescriptor = true
  }

  deinit {
    if ownsDescriptor { close(descriptor) }
  }

  /// The SHA-256 of every byte of the input, as 64 lowercase hex digits: nil while the end has
  /// not been read, after a read error, or when hashing is off.
  public var sha256: String? {
    if digest == nil, isAtEnd, !hasFailed, let hasher {
      digest = Self.hex(hasher.finalize())
    }
    return digest
  }

  /// Reads with `read(2)`, retrying when interrupted, and hashes what it read.
  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard buffer.count > 0 else { return 0 }
    while true {
      let count = Glibc.read(descriptor, buffer.baseAddress, buffer.count)
      if count > 0 {
        hasher?.update(bufferPointer: UnsafeRawBufferPointer(rebasing: buffer[..<count]))
        return count
      }
      if count == 0 {
        isAtEnd = true
        return 0
      }
      if errno == EINTR { continue }
      hasFailed = true
      throw ReadingError.cannotRead(path: path, reason: errnoText())
    }
  }

  /// Lowercase hex of `digest`.
  static func hex<Digest: Sequence<UInt8>>(_ digest: Digest) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    text.reserveCapacity(64)
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: text, as: UTF8.self)
  }
}
