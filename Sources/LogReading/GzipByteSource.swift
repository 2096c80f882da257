import CZlib

/// Inflates a gzip stream (one member or several concatenated) from another source.
///
/// Uses the system zlib; a damaged or truncated stream ends with `corruptCompressedData`
/// after every byte inflated before the damage has been handed out.
public final class GzipByteSource: ByteSource {
  private let upstream: ByteSource
  private let path: String
  /// The zlib state; valid between `init` and `deinit`.
  private var stream = z_stream()
  /// Compressed bytes read from `upstream` and not yet consumed by zlib.
  private var input: [UInt8]
  /// True once `upstream` returned 0.
  private var isUpstreamFinished = false
  /// True after a member ended and no further input followed.
  private var isFinished = false

  /// Wraps `upstream`; `prefix` holds compressed bytes already taken from it.
  public init(
    upstream: ByteSource, path: String, prefix: [UInt8] = [], inputCapacity: Int = 1 << 16
  )
    throws
  {
    self.upstream = upstream
    self.path = path
    self.input = [UInt8](repeating: 0, count: max(inputCapacity, prefix.count, 1))
    guard czlib_inflate_init_gzip(&stream) == Z_OK else {
      throw ReadingError.corruptCompressedData(path: path, reason: "zlib could not start")
    }
    input.withUnsafeMutableBytes { $0.copyBytes(from: prefix) }
    pendingPrefix = prefix.count
  }

  /// How many bytes at the start of `input` came from the prefix and are not yet handed to zlib.
  private var pendingPrefix: Int

  deinit {
    inflateEnd(&stream)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard buffer.count > 0, !isFinished else { return 0 }
    return try input.withUnsafeMutableBytes { inputBytes -> Int in
      let inputBase = inputBytes.baseAddress!.assumingMemoryBound(to: Bytef.self)
      if pendingPrefix > 0 {
        stream.next_in = inputBase
        stream.avail_in = UInt32(pendingPrefix)
        pendingPrefix = 0
      }
      stream.next_out = buffer.baseAddress!.assumingMemoryBound(to: Bytef.self)
      stream.avail_out = UInt32(clamping: buffer.count)
      while stream.avail_out == UInt32(clamping: buffer.count) {
        if stream.avail_in == 0 && !isUpstreamFinished {
          let count = try upstream.read(into: inputBytes)
          if count == 0 {
            isUpstreamFinished = true
          } else {
            stream.next_in = inputBase
            stream.avail_in = UInt32(count)
          }
        }
        if stream.avail_in == 0 && isUpstreamFinished {
          if stream.total_in == 0 {
            isFinished = true
            return 0
          }
          throw ReadingError.corruptCompressedData(path: path, reason: "unexpected end of data")
        }
        let status = inflate(&stream, Z_NO_FLUSH)
        switch status {
        case Z_OK, Z_BUF_ERROR:
          continue
        case Z_STREAM_END:
          let produced = buffer.count - Int(stream.avail_out)
          if try !hasAnotherMember(inputBytes: inputBytes, inputBase: inputBase) {
            isFinished = true
            return produced
          }
          if produced > 0 { return produced }
        default:
          let reason = stream.msg.map { String(cString: $0) } ?? "error \(status)"
          throw ReadingError.corruptCompressedData(path: path, reason: reason)
        }
      }
      return buffer.count - Int(stream.avail_out)
    }
  }

  /// After a member ends, resets zlib when more input follows (concatenated gzip members).
  private func hasAnotherMember(
    inputBytes: UnsafeMutableRawBufferPointer, inputBase: UnsafeMutablePointer<Bytef>
  ) throws -> Bool {
    if stream.avail_in == 0 && !isUpstreamFinished {
      let count = try upstream.read(into: inputBytes)
      if count == 0 {
        isUpstreamFinished = true
      } else {
        stream.next_in = inputBase
        stream.avail_in = UInt32(count)
      }
    }
    guard stream.avail_in > 0 else { return false }
    inflateReset(&stream)
    return true
  }
}

/// Hands out a source's bytes, inflating them first when they start with the gzip magic.
///
/// The decision is made on content, not on the file name, so a rotated log compressed under any
/// name, or gzip on standard input, is read the same way.
public enum DecompressingSource {
  /// Returns `upstream` itself, or a source that inflates it, after peeking at its first bytes.
  public static func wrap(_ upstream: ByteSource, path: String) throws -> ByteSource {
    var head = [UInt8](repeating: 0, count: 2)
    var count = 0
    while count < 2 {
      let read = try head.withUnsafeMutableBytes {
        try upstream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[count...]))
      }
      if read == 0 { break }
      count += read
    }
    head.removeLast(2 - count)
    if head == [0x1f, 0x8b] {
      return try GzipByteSource(upstream: upstream, path: path, prefix: head)
    }
    return PrefixedByteSource(prefix: head, upstream: upstream)
  }
}

/// Serves a few bytes already taken from a source, then the rest of that source.
final class PrefixedByteSource: ByteSource {
  private var prefix: [UInt8]
  private let upstream: ByteSource

  init(prefix: [UInt8], upstream: ByteSource) {
    self.prefix = prefix
    self.upstream = upstream
  }

  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    guard !prefix.isEmpty else { return try upstream.read(into: buffer) }
    let count = min(prefix.count, buffer.count)
    guard count > 0 else { return 0 }
    buffer.copyBytes(from: prefix[..<count])
    prefix.removeFirst(count)
    return count
  }
}
