#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A log file opened once, to be read from any offset by the descriptor its identity was taken
/// from (the evidence ledger's incremental reading, SPEC §11).
///
/// Reads go through `pread(2)`, so sources over different ranges of the file never share a
/// position; the descriptor is closed when the value is released.
public final class LogFile {
  /// The file's identity when it was opened.
  public let identity: FileIdentity
  private let descriptor: Int32

  /// Opens the regular file at `path`; `cannotOpen` when it is missing, unreadable or no
  /// regular file.
  public init(path: String) throws {
    let opened = open(path, O_RDONLY | O_CLOEXEC)
    guard opened >= 0 else { throw ReadingError.cannotOpen(path: path, reason: errnoText()) }
    var status = stat()
    guard fstat(opened, &status) == 0 else {
      let reason = errnoText()
      close(opened)
      throw ReadingError.cannotOpen(path: path, reason: reason)
    }
    guard (status.st_mode & S_IFMT) == S_IFREG else {
      close(opened)
      throw ReadingError.cannotOpen(path: path, reason: "not a regular file")
    }
    descriptor = opened
    var prefix = [UInt8](repeating: 0, count: FileIdentity.prefixLength)
    var filled = 0
    while filled < prefix.count {
      let count = prefix.withUnsafeMutableBytes { buffer in
        pread(opened, buffer.baseAddress! + filled, buffer.count - filled, off_t(filled))
      }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { break }
      filled += count
    }
    prefix.removeLast(prefix.count - filled)
    identity = FileIdentity(
      path: path, device: Int64(status.st_dev), inode: Int64(status.st_ino),
      size: Int64(status.st_size), prefix: prefix)
  }

  deinit {
    close(descriptor)
  }

  /// The bytes from `offset` to `end` (nil: to the end of the file as it is when read), hashed
  /// as they go by.
  public func source(from offset: Int64, to end: Int64? = nil) -> FileRangeSource {
    FileRangeSource(
      path: identity.path, descriptor: descriptor, from: offset, to: end, owner: self)
  }

  /// The offset just after the `count`-th newline before `end`, counting back; `start` when
  /// fewer than `count` newlines lie in `start..<end`. Finds where a line near the end of a
  /// reading begins without keeping offsets while reading. Nil when a read fails or the bytes
  /// are no longer there.
  public func offset(afterNewlines count: Int, before end: Int64, notBefore start: Int64)
    -> Int64?
  {
    guard count > 0 else { return end }
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    var position = end
    var found = 0
    while position > start {
      let length = Int(min(Int64(chunk.count), position - start))
      let from = position - Int64(length)
      var filled = 0
      while filled < length {
        let read = chunk.withUnsafeMutableBytes { buffer in
          pread(descriptor, buffer.baseAddress! + filled, length - filled, off_t(from + Int64(filled)))
        }
        if read < 0 && errno == EINTR { continue }
        guard read > 0 else { return nil }
        filled += read
      }
      var index = length
      while index > 0 {
        index -= 1
        guard chunk[index] == 0x0A else { continue }
        found += 1
        if found == count { return from + Int64(index) + 1 }
      }
      position = from
    }
    return start
  }
}
