import Crypto

/// Which file a log is, whatever its name: its device and inode, and its first bytes, so that a
/// file renamed by rotation is the same file and a file replaced under the same name is not
/// (SPEC §11). Taken by `LogFile` from the descriptor it reads, so a file rotated between the
/// look and the reading cannot be mistaken for the one looked at.
public struct FileIdentity: Sendable, Equatable {
  /// The path the file was opened by.
  public var path: String
  /// `st_dev` and `st_ino` of `fstat(2)`: the file whatever its name.
  public var device: Int64
  public var inode: Int64
  /// `st_size` when the file was opened; a log may grow while it is read.
  public var size: Int64
  /// The first `prefixLength` bytes, or the whole file when shorter.
  public var prefix: [UInt8]

  /// How many bytes of a file's beginning identify it.
  public static let prefixLength = 4096

  /// Creates an identity.
  public init(path: String, device: Int64, inode: Int64, size: Int64, prefix: [UInt8]) {
    self.path = path
    self.device = device
    self.inode = inode
    self.size = size
    self.prefix = prefix
  }

  /// The SHA-256 of `prefix`, as 64 lowercase hex digits.
  public var prefixSHA256: String { prefixSHA256(count: prefix.count) }

  /// The SHA-256 of the first `count` bytes (at most `prefix.count`): what the identity of the
  /// same file looked like when it was that short.
  public func prefixSHA256(count: Int) -> String {
    FileByteSource.hex(SHA256.hash(data: prefix[..<min(max(count, 0), prefix.count)]))
  }

  /// True when the file starts with gzip's magic bytes: read whole, never from an offset.
  public var isCompressed: Bool { prefix.starts(with: [0x1f, 0x8b]) }
}
