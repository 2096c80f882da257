import Foundation
import LogParsing
import LogReading

/// The reading in parts of the evidence ledger (SPEC §11): each file of a server starts where
/// a `FilePlanner` says, and ends with an `InputRange` that says where the next reading starts.
///
/// The resume point never cuts an entry in two: it is the start of the entry still open at the
/// end (continuation lines may follow it), of a line carried in parts whose last part has not
/// come, or of an unterminated last line, whichever comes first; the end of what was read when
/// none is. The lines from there on are read again next time, so their counts are taken back
/// (`InputRange.carried`, from a reading of them alone) and the events of a line that was not
/// whole yet are not handed out. A gzip-compressed file is final: it is read whole, to its end.
extension ServerLogReader {
  /// A file of a server as a planner decided it: where it starts, and the identity it was
  /// planned for (its descriptor is not kept open: a server may have hundreds of files).
  struct PlannedFile {
    var start: FileStart
    var device: Int64
    var inode: Int64
    var prefixBytes: Int
    var prefixSHA256: String
    /// Set for the reading of a tail, whose counts alone are wanted: the end of the bytes read,
    /// and the file already open.
    var tail: (file: LogFile, end: Int64)?
  }

  /// How many lines before the end an open entry may start and still be waited for: an entry
  /// of a server a shared file (compose, syslog) has not named for longer is taken as whole,
  /// so that a quiet server cannot hold every later reading back.
  static let openEntryWindow = 10_000

  /// The start of every file of `server` that can be opened, by `planner`.
  func plan(_ server: ServerInput, with planner: FilePlanner) -> [String: PlannedFile] {
    var identities: [FileIdentity] = []
    for path in server.files where path != "-" {
      if let file = try? LogFile(path: path) { identities.append(file.identity) }
    }
    let starts = planner(server.name, identities)
    precondition(starts.count == identities.count, "a planner gives one start per file")
    var plans: [String: PlannedFile] = [:]
    for (identity, start) in zip(identities, starts) {
      var start = start
      if identity.isCompressed && start.offset > 0 {
        start = FileStart(restart: start.restart, continues: start.continues)
      }
      plans[identity.path] = PlannedFile(
        start: start, device: identity.device, inode: identity.inode,
        prefixBytes: identity.prefix.count, prefixSHA256: identity.prefixSHA256)
    }
    return plans
  }

  /// The file `planned` is about, open; with its start set back to the whole file when what is
  /// at the path now is not the file planned for (rotated in between).
  func open(_ path: String, _ planned: PlannedFile) throws -> (file: LogFile, start: FileStart) {
    if let tail = planned.tail { return (tail.file, planned.start) }
    let file = try LogFile(path: path)
    let identity = file.identity
    let isSame =
      identity.device == planned.device && identity.inode == planned.inode
      && identity.prefix.count >= planned.prefixBytes
      && identity.prefixSHA256(count: planned.prefixBytes) == planned.prefixSHA256
    return (file, isSame ? planned.start : .whole)
  }

  /// What the reading of `file` from `start` ended with, for each of `streams` (by name), and
  /// the first line whose events must not be handed out (a line not whole yet), if any.
  /// Call after the decoder finished and before the streams do.
  func ranges(
    of file: LogFile, from start: FileStart, server: String, read: (bytes: Int64, sha256: String?),
    statistics: LineStatistics, streams: [ServerStream], decoder: EnvelopeDecoder
  ) -> (ranges: [String: InputRange], unfinishedFrom: Int?) {
    let identity = file.identity
    let readTo = start.offset + read.bytes
    let lastLine = start.lineBase + statistics.lines
    var unfinished = decoder.unfinishedPartLines.min()
    if statistics.hasUnterminatedLastLine { unfinished = min(unfinished ?? lastLine, lastLine) }
    var resumeLine = lastLine + 1
    var resumeOffset = readTo
    if identity.isCompressed {
      unfinished = nil
    } else {
      for stream in streams {
        if let line = stream.openEntryLine, line > lastLine - Self.openEntryWindow {
          resumeLine = min(resumeLine, line)
        }
      }
      if let unfinished { resumeLine = min(resumeLine, unfinished) }
      if resumeLine <= lastLine {
        // The newlines from the start of line `resumeLine` on, and the one before it.
        let after = lastLine - resumeLine + (statistics.hasUnterminatedLastLine ? 0 : 1)
        if let offset = file.offset(afterNewlines: after + 1, before: readTo, notBefore: start.offset)
        {
          resumeOffset = offset
        } else {
          (resumeLine, resumeOffset) = (start.lineBase + 1, start.offset)
        }
      }
    }
    var carried: [String: InputFigures] = [:]
    if resumeOffset < readTo {
      let tail = PlannedFile(
        start: FileStart(
          offset: resumeOffset, lineBase: resumeLine - 1, envelope: decoder.envelope,
          legacyYear: streams.lazy.compactMap(\.legacyYearInUse).first),
        device: identity.device, inode: identity.inode, prefixBytes: 0, prefixSHA256: "",
        tail: (file, readTo))
      let path = identity.path
      for reading in readStreams(ServerInput(name: server, files: [path]), plans: [path: tail]) {
        for input in reading.inputs { carried[reading.server] = InputFigures(input) }
      }
    }
    var ranges: [String: InputRange] = [:]
    for stream in streams {
      ranges[stream.name] = InputRange(
        device: identity.device, inode: identity.inode, prefixBytes: identity.prefix.count,
        prefixSHA256: identity.prefixSHA256, readFrom: start.offset, readTo: readTo,
        lineBase: start.lineBase, lastLine: lastLine, sha256: read.sha256,
        resumeOffset: resumeOffset, resumeLine: resumeLine - 1,
        legacyYear: stream.legacyYearInUse, carried: carried[stream.name] ?? InputFigures(),
        restart: start.restart, continues: start.continues)
    }
    return (ranges, unfinished)
  }

  /// Runs `body` on every line of `file` from `start` (numbered on from `start.lineBase`), to
  /// `end` or the end of the file; returns what the reader counted, how many bytes of the file
  /// were read and their SHA-256.
  func forEachLine(
    of file: LogFile, from start: FileStart, to end: Int64?, _ body: (Line) -> Void,
    runs: LineReader.UnmarkedRun
  ) throws -> (statistics: LineStatistics, bytes: Int64, sha256: String?) {
    let range = file.source(from: start.offset, to: end)
    let source: ByteSource =
      start.offset == 0 ? try DecompressingSource.wrap(range, path: file.identity.path) : range
    let base = start.lineBase
    func renumbered(_ line: Line) {
      body(
        Line(
          bytes: line.bytes, number: line.number + base, isTruncated: line.isTruncated,
          containsNUL: line.containsNUL, isMarked: line.isMarked))
    }
    let statistics = try forEachLine(of: source, base == 0 ? body : renumbered, runs: runs)
    return (statistics, range.position - start.offset, range.sha256)
  }
}
