import CZlib

/// Gzip compression with the system zlib, for tests that need compressed logs.
public enum Gzip {
  /// `bytes` as one gzip member.
  public static func compress(_ bytes: [UInt8], level: Int32 = 6) -> [UInt8] {
    var stream = z_stream()
    precondition(czlib_deflate_init_gzip(&stream, level) == Z_OK)
    defer { deflateEnd(&stream) }
    var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
    var input = bytes
    let produced = input.withUnsafeMutableBufferPointer { inputBuffer in
      output.withUnsafeMutableBufferPointer { outputBuffer in
        stream.next_in = inputBuffer.baseAddress
        stream.avail_in = UInt32(inputBuffer.count)
        stream.next_out = outputBuffer.baseAddress
        stream.avail_out = UInt32(outputBuffer.count)
        precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END)
        return outputBuffer.count - Int(stream.avail_out)
      }
    }
    return Array(output[..<produced])
  }
}
