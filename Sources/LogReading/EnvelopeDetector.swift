/// Tells a file's envelope from its first lines (SPEC §3.1: detected per file, no flag needed).
///
/// Each transport unwraps the sample; the one under which most lines are log lines wins (with
/// `iris-main`'s prefix when lines carry it), a plain log on ties, so that a `messages.log` is
/// never read as anything else. A sample in which no transport finds a log line is plain.
public enum EnvelopeDetector {
  /// How many lines that are not blank the decision rests on.
  public static let sampleLines = 64

  /// The envelope of `sample` (the file's first lines, without terminators); `isLogLine` says
  /// whether unwrapped text is a line of the log (a timestamped entry start, a structured line).
  public static func detect(
    _ sample: [[UInt8]], isLogLine: (UnsafeRawBufferPointer) -> Bool
  ) -> Envelope {
    var best = Envelope.plain
    var bestScore = 0
    var scratch: [UInt8] = []
    for transport in Envelope.Transport.allCases {
      var score = 0
      var prefixed = 0
      for line in sample {
        line.withUnsafeBytes { bytes in
          guard let fields = EnvelopeParser.parse(bytes, transport) else { return }
          func judge(_ content: UnsafeRawBufferPointer) {
            if isLogLine(content) {
              score += 1
            } else if let end = EnvelopeParser.irisMainPrefixEnd(content),
              isLogLine(UnsafeRawBufferPointer(rebasing: content[end...]))
            {
              score += 1
              prefixed += 1
            }
          }
          if fields.isEscaped {
            scratch.removeAll(keepingCapacity: true)
            guard DockerJSONLine.unescape(bytes, fields.content, into: &scratch).isValid else {
              return
            }
            while let last = scratch.last, last == 0x0A || last == 0x0D { scratch.removeLast() }
            scratch.withUnsafeBytes { judge($0) }
          } else {
            judge(UnsafeRawBufferPointer(rebasing: bytes[fields.content]))
          }
        }
      }
      if score > bestScore {
        bestScore = score
        best = Envelope(transport: transport, hasIRISMainPrefix: prefixed > 0)
      }
    }
    return best
  }
}
