import CZlib

/// Inflates a gzip stream (one member or several concatenated) from another source.
///
/// Uses the system zlib; a damaged or truncated stream ends with `corruptCompressedData`
/// after every byte inflated before the damage has been handed out.
///
/// zlib records the address of its `z_stream` and checks it on every call, and keeps
/// `next_in` between calls: both the stream and the compressed input therefore live in
/// memory allocated once by this object, never in a Swift property passed with `&` nor in an
/// array's buffer borrowed for one closure.
public final class GzipByteSource: ByteSource {
  private let upstream: ByteSource
  private let path: String
  /// The zlib state, at a stable address; initialised in `init`, ended in `deinit`.
  private let stream: UnsafeMutablePointer<z_stream>
  /// Compressed bytes read from `upstream`; `stream.next_in` points into it between calls.
  private let input: UnsafeMutableRawBufferPointer
  /// True once `upstream` returned 0.
  private var isUpstreamFinished = false
  /// True after a member ended and no further input followed.
  private var isFinished = false
  /// Damage met while bytes inflated before it were still to be handed out: thrown by the
  /// next call, so that those bytes come first whatever the size of the reads.
  private var pendingError: ReadingError?

  /// Wraps `upstream`; `prefix` holds compressed bytes already taken from it.
  public init(
    upstream: ByteSource, path: String, prefix: [UInt8] = [], inputCapacity: Int = 1 << 16
  )
    throws
  {
    self.upstream = upstream
    self.path = path
    input = .allocate(byteCount: max(inputCapacity, prefix.count, 1), alignment: 16)
    stream = .allocate(capacity: 1)
    stream.initialize(to: z_stream())
    guard czlib_inflate_init_gzip(stream) == Z_OK else {
      stream.deinitialize(count: 1)
      stream.deallocate()
      input.deallocate()
      throw ReadingError.corruptCompressedData(path: path, reason: "zlib could not start")
    }
    UnsafeMutableRawBufferPointer(rebasing: input[..<prefix.count]).copyBytes(from: prefix)
    stream.pointee.next_in = inputBase
    stream.pointee.avail_in = UInt32(prefix.count)
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
  }

  private var inputBase: UnsafeMutablePointer<Bytef> {
    input.baseAddress!.assumingMemoryBound(to: Bytef.self)
  }

  public func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if let pendingError {
      self.pendingError = nil
      isFinished = true
      throw pendingError
    }
    guard buffer.count > 0, !isFinished, let outputBase = buffer.baseAddress else { return 0 }
    let capacity = UInt32(clamping: buffer.count)
    stream.pointee.next_out = outputBase.assumingMemoryBound(to: Bytef.self)
    stream.pointee.avail_out = capacity
    defer {
      // No pointer into the caller's buffer outlives the call.
      stream.pointee.next_out = nil
      stream.pointee.avail_out = 0
    }
    while stream.pointee.avail_out == capacity {
      try refillIfEmpty()
      if stream.pointee.avail_in == 0 && isUpstreamFinished && stream.pointee.total_in == 0 {
        isFinished = true
        return 0
      }
      // Called even with no input left: zlib may still hold output, or meet the damage.
      let status = inflate(stream, Z_NO_FLUSH)
      let produced = Int(capacity - stream.pointee.avail_out)
      switch status {
      case Z_OK, Z_BUF_ERROR:
        if produced == 0 && stream.pointee.avail_in == 0 && isUpstreamFinished {
          throw ReadingError.corruptCompressedData(path: path, reason: "unexpected end of data")
        }
        continue
      case Z_STREAM_END:
        if try !hasAnotherMember() {
          isFinished = true
          return produced
        }
        if produced > 0 { return produced }
      default:
        let reason = stream.pointee.msg.map { String(cString: $0) } ?? "error \(status)"
        let error = ReadingError.corruptCompressedData(path: path, reason: reason)
        guard produced > 0 else { throw error }
        pendingError = error
        return produced
      }
    }
    return Int(capacity - stream.pointee.avail_out)
  }

  /// Reads more compressed input when zlib has consumed all of it.
  private func refillIfEmpty() throws {
    guard stream.pointee.avail_in == 0, !isUpstreamFinished else { return }
    let count = try upstream.read(into: input)
    if count == 0 {
      isUpstreamFinished = true
    } else {
      stream.pointee.next_in = inputBase
      stream.pointee.avail_in = UInt32(count)
    }
  }

  /// After a member ends, resets zlib when more input follows (concatenated gzip members).
  private func hasAnotherMember() throws -> Bool {
    try refillIfEmpty()
    guard stream.pointee.avail_in > 0 else { return false }
    inflateReset(stream)
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
