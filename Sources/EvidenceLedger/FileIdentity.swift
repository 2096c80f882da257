import Crypto
import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// Which file an input was: its device and inode, and the SHA-256 of its first bytes, so that
/// a file renamed by rotation is the same file and a file replaced under the same name is not.
///
/// Taken when the run is recorded, just after the reading: a file rotated in between is then
/// named by its old path with its new inode, which the next run's reading puts right. The
/// incremental reading of issue 18 will take these while reading.
public struct FileIdentity: Sendable, Equatable {
  /// `st_dev` and `st_ino` of `stat(2)`: the file whatever its name.
  public var device: Int64
  public var inode: Int64
  /// How many bytes `prefixSHA256` covers: the first 4 KiB, or the whole file when shorter.
  public var prefixBytes: Int
  /// The SHA-256 of the first `prefixBytes` bytes, hex.
  public var prefixSHA256: String

  /// The prefix length that identifies a file.
  public static let prefixLength = 4096

  /// Creates an identity.
  public init(device: Int64, inode: Int64, prefixBytes: Int, prefixSHA256: String) {
    self.device = device
    self.inode = inode
    self.prefixBytes = prefixBytes
    self.prefixSHA256 = prefixSHA256
  }

  /// The identity of the regular file at `path` now; nil when it is not one or cannot be read.
  public static func of(path: String) -> FileIdentity? {
    let descriptor = open(path, O_RDONLY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    defer { close(descriptor) }
    var status = stat()
    guard fstat(descriptor, &status) == 0, (status.st_mode & S_IFMT) == S_IFREG else { return nil }
    var prefix = [UInt8](repeating: 0, count: prefixLength)
    var filled = 0
    while filled < prefixLength {
      let count = prefix.withUnsafeMutableBytes { buffer in
        read(descriptor, buffer.baseAddress! + filled, prefixLength - filled)
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    return FileIdentity(
      device: Int64(status.st_dev), inode: Int64(status.st_ino), prefixBytes: filled,
      prefixSHA256: CanonicalRow.hex(SHA256.hash(data: prefix[..<filled])))
  }
}
