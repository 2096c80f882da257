/// Takes the log out of its envelope, line by line (SPEC §3.1): what `LineReader` hands out goes
/// in, IRIS's own lines come out, each with the number of the line of the file as it is (the
/// first part's, for a line the transport carried in parts) and the server's name when the
/// transport gives one.
///
/// With no envelope given it is detected from the first lines, which are held back (copied)
/// until it is known. Lines that are not in the envelope's form (cut, mixed, unknown) are
/// counted as malformed and not handed out; an `iris-main` stream's other lines are the
/// container's own output and counted apart.
public final class EnvelopeDecoder {
  /// What `decode` hands out: the server's name (bytes of the line, valid during the call) when
  /// the transport names it, and the line.
  public typealias Body = (_ server: UnsafeRawBufferPointer?, _ line: Line) throws -> Void

  /// What the decoder counted.
  public struct Statistics: Sendable, Equatable {
    /// Lines not in the envelope's form: unparsed, like any other.
    public var malformedLines = 0
    /// Lines of the container's own output around an `iris-main` log.
    public var containerLines = 0
    /// Parts joined into longer lines (CRI `P`, Docker's 16 KiB records).
    public var joinedParts = 0

    public init() {}
  }

  /// The envelope lines are read in; nil while it is still being detected.
  public private(set) var envelope: Envelope? {
    didSet { isPlain = envelope == .plain }
  }
  /// True when lines pass through unchanged, so a caller may skip the decoder.
  public private(set) var isPlain = false
  public private(set) var statistics = Statistics()
  private let maximumLineLength: Int
  private let isLogLine: (UnsafeRawBufferPointer) -> Bool

  /// A line held back while the envelope is detected.
  private struct HeldLine {
    var bytes: [UInt8]
    var number: Int
    var isTruncated: Bool
    var containsNUL: Bool
    var isMarked: Bool
  }
  private var held: [HeldLine] = []
  private var heldNonBlank = 0

  /// A line being assembled from parts, per stream (standard output, standard error).
  private struct Parts {
    var bytes: [UInt8] = []
    var number = 0
    var isTruncated = false
    var isOpen = false
  }
  private var parts = [Parts(), Parts()]
  /// The file line numbers where a line carried in parts (CRI `P`, Docker's 16 KiB records)
  /// began whose last part never came, as `finish` found them: where a reading that stops at
  /// the end must start again so as not to cut the line.
  public private(set) var unfinishedPartLines: [Int] = []
  /// Unescaped text of the current Docker record.
  private var unescaped: [UInt8] = []

  /// Creates a decoder for `envelope`, or one that detects it (`nil`) with `isLogLine`.
  public init(
    envelope: Envelope?, maximumLineLength: Int = 1 << 20,
    isLogLine: @escaping (UnsafeRawBufferPointer) -> Bool
  ) {
    self.envelope = envelope
    isPlain = envelope == .plain
    self.maximumLineLength = max(1, maximumLineLength)
    self.isLogLine = isLogLine
  }

  /// Takes the next line of the file.
  public func decode(_ line: Line, _ body: Body) rethrows {
    guard let envelope else {
      try hold(line, body)
      return
    }
    try unwrap(line, envelope, body)
  }

  /// Hands out what is still held or joined; call once at the end of the file.
  public func finish(_ body: Body) rethrows {
    if envelope == nil { try decide(body) }
    unfinishedPartLines = parts.filter(\.isOpen).map(\.number)
    for stream in parts.indices where parts[stream].isOpen {
      try deliverParts(stream, body)
    }
  }

  private func hold(_ line: Line, _ body: Body) rethrows {
    held.append(
      HeldLine(
        bytes: Array(line.bytes), number: line.number, isTruncated: line.isTruncated,
        containsNUL: line.containsNUL, isMarked: line.isMarked))
    if !line.bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { heldNonBlank += 1 }
    if heldNonBlank >= EnvelopeDetector.sampleLines { try decide(body) }
  }

  /// Detects the envelope from the held lines, then hands them out.
  private func decide(_ body: Body) rethrows {
    let sample = held.filter { !$0.containsNUL }.map(\.bytes)
    let found = EnvelopeDetector.detect(sample, isLogLine: isLogLine)
    envelope = found
    let lines = held
    held = []
    for line in lines {
      try line.bytes.withUnsafeBytes { bytes in
        try unwrap(
          Line(
            bytes: bytes, number: line.number, isTruncated: line.isTruncated,
            containsNUL: line.containsNUL, isMarked: line.isMarked), found, body)
      }
    }
  }

  private func unwrap(_ line: Line, _ envelope: Envelope, _ body: Body) rethrows {
    if envelope.transport == .none {
      try deliver(nil, line, envelope, body)
      return
    }
    guard let fields = EnvelopeParser.parse(line.bytes, envelope.transport) else {
      statistics.malformedLines += 1
      return
    }
    let name = fields.name.map { UnsafeRawBufferPointer(rebasing: line.bytes[$0]) }
    if fields.isEscaped {
      unescaped.removeAll(keepingCapacity: true)
      let decoded = DockerJSONLine.unescape(line.bytes, fields.content, into: &unescaped)
      guard decoded.isValid else {
        statistics.malformedLines += 1
        return
      }
      let isComplete = unescaped.last == 0x0A
      if isComplete { unescaped.removeLast() }
      if unescaped.last == 0x0D { unescaped.removeLast() }
      let isMarked = line.isMarked || decoded.hadEscapes
      let containsNUL = line.containsNUL || unescaped.contains(0)
      try unescaped.withUnsafeBytes { text in
        try carry(
          name,
          Line(
            bytes: text, number: line.number, isTruncated: line.isTruncated,
            containsNUL: containsNUL, isMarked: isMarked),
          isPartial: !isComplete, stream: fields.stream, envelope, body)
      }
      return
    }
    let text = UnsafeRawBufferPointer(rebasing: line.bytes[fields.content])
    try carry(
      name,
      Line(
        bytes: text, number: line.number, isTruncated: line.isTruncated,
        containsNUL: line.containsNUL, isMarked: line.isMarked),
      isPartial: fields.isPartial, stream: fields.stream, envelope, body)
  }

  /// Joins parts per stream; hands out a whole line as it is.
  private func carry(
    _ name: UnsafeRawBufferPointer?, _ line: Line, isPartial: Bool, stream: Int,
    _ envelope: Envelope, _ body: Body
  ) rethrows {
    guard isPartial || parts[stream].isOpen else {
      try deliver(name, line, envelope, body)
      return
    }
    if !parts[stream].isOpen {
      parts[stream].isOpen = true
      parts[stream].number = line.number
      parts[stream].isTruncated = false
      parts[stream].bytes.removeAll(keepingCapacity: true)
    }
    statistics.joinedParts += 1
    let room = maximumLineLength - parts[stream].bytes.count
    if line.bytes.count > room || line.isTruncated { parts[stream].isTruncated = true }
    parts[stream].bytes.append(contentsOf: line.bytes.prefix(max(room, 0)))
    if !isPartial { try deliverParts(stream, body) }
  }

  private func deliverParts(_ stream: Int, _ body: Body) rethrows {
    let joined = parts[stream]
    parts[stream].isOpen = false
    guard let envelope else { return }
    try joined.bytes.withUnsafeBytes { bytes in
      // A literal may straddle two parts, where no marker saw it: look at the whole line.
      try deliver(
        nil,
        Line(
          bytes: bytes, number: joined.number, isTruncated: joined.isTruncated,
          containsNUL: bytes.contains(0), isMarked: true), envelope, body)
    }
  }

  /// Strips `iris-main`'s prefix where the envelope has it, and hands the line out.
  private func deliver(
    _ name: UnsafeRawBufferPointer?, _ line: Line, _ envelope: Envelope, _ body: Body
  ) rethrows {
    guard envelope.hasIRISMainPrefix else {
      try body(name, line)
      return
    }
    guard let end = EnvelopeParser.irisMainPrefixEnd(line.bytes) else {
      statistics.containerLines += 1
      return
    }
    try body(
      name,
      Line(
        bytes: UnsafeRawBufferPointer(rebasing: line.bytes[end...]), number: line.number,
        isTruncated: line.isTruncated, containsNUL: line.containsNUL, isMarked: line.isMarked))
  }
}
