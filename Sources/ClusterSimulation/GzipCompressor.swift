import CZlib

#if canImport(Glibc)
  import Glibc
#endif

/// Compresses a rotated log into `<name>.gz` with the system zlib and removes the original,
/// as an operator's logrotate would. zlib writes a zero modification time in the gzip
/// header, so the bytes depend on the content alone.
enum GzipCompressor {
  /// Compresses `path` into `path.gz` and deletes `path`.
  static func compress(_ path: String) throws(SimulationError) {
    guard let input = fopen(path, "rb") else {
      throw .cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
    defer { fclose(input) }
    guard let output = fopen(path + ".gz", "wb") else {
      throw .cannotWrite(path: path + ".gz", reason: String(cString: strerror(errno)))
    }
    var stream = z_stream()
    guard czlib_deflate_init_gzip(&stream, 6) == Z_OK else {
      fclose(output)
      throw .cannotWrite(path: path + ".gz", reason: "zlib could not start a gzip stream")
    }
    let size = 1 << 18
    let inBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    let outBuffer = UnsafeMutablePointer<UInt8>.allocate(capacity: size)
    defer {
      inBuffer.deallocate()
      outBuffer.deallocate()
      deflateEnd(&stream)
    }
    var failed = false
    var finished = false
    while !finished && !failed {
      let read = fread(inBuffer, 1, size, input)
      let flush = read < size ? Z_FINISH : Z_NO_FLUSH
      stream.next_in = inBuffer
      stream.avail_in = uInt(read)
      repeat {
        stream.next_out = outBuffer
        stream.avail_out = uInt(size)
        let status = deflate(&stream, flush)
        if status == Z_STREAM_ERROR { failed = true }
        let produced = size - Int(stream.avail_out)
        if produced > 0 && fwrite(outBuffer, 1, produced, output) != produced { failed = true }
        if status == Z_STREAM_END { finished = true }
      } while stream.avail_out == 0 && !failed
    }
    if fclose(output) != 0 || failed {
      throw .cannotWrite(path: path + ".gz", reason: "compression failed")
    }
    unlink(path)
  }
}
