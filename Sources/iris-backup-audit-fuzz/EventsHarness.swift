import BackupEvents
import Foundation
import LogReading
import TestSupport

/// Log bytes through `ServerLogReader`, the whole reading stage: lines, entries of every
/// layout (the reader tells them apart per line), the prefilter, events, rotated-file overlaps.
///
/// The first byte chooses the reading path and the setting; the rest is the log. Each input is
/// read twice, by the reference path and by the chosen one, which must give identical events
/// and summaries (the contract `ReadingPathsTests` checks on fixed inputs): the fuzzer then
/// finds wrong results, not only crashes. `ServerLogReader` reads files, so the bytes are
/// written to a folder in memory (`/dev/shm`) first; `LinesHarness` covers the in-memory
/// sources with short reads.
///
/// Flag bits: 0 prefilter off, 1 whole-file (slice) path, 2–3 buffer capacity (0, 1, 61,
/// 64 KiB), 4 gzip-compressed, 5 split into a rotated file and the current one, 6 in
/// Europe/Paris (DST gaps and folds) instead of UTC, 7 legacy year 2021 instead of the
/// file's modification time.
enum EventsHarness {
  /// One way of reading; `reference` is the one the others must agree with.
  struct ReadingPath {
    var usesPrefilter = true
    var readsWholeFiles = false
    var capacity = 1 << 16
    var isCompressed = false

    static let reference = ReadingPath()
  }

  static let capacities = [0, 1, 61, 1 << 16]

  static func run(_ input: UnsafeRawBufferPointer) {
    guard let flags = input.first else { return }
    let body = Array(input.dropFirst())
    let files = split(body, isSplit: flags & 0x20 != 0)
    var options = ReadingOptions(
      timeZone: TimeZone(identifier: flags & 0x40 != 0 ? "Europe/Paris" : "UTC")!,
      legacyYear: flags & 0x80 != 0 ? 2021 : nil)
    // A sequence of entries that repeat across the files, kept small so that the limit is hit.
    options.maximumOverlapEntries = 64
    let path = ReadingPath(
      usesPrefilter: flags & 0x01 == 0, readsWholeFiles: flags & 0x02 != 0,
      capacity: capacities[Int(flags >> 2) & 3],
      // A file that is gzip already would be read differently once compressed again.
      isCompressed: flags & 0x10 != 0 && !files.contains { $0.bytes.starts(with: [0x1f, 0x8b]) })
    let reference = read(files, options, .reference)
    let reading = read(files, options, path)
    require(
      reading == reference,
      "\(path) differs from the reference: \(difference(reading, reference))")
    LinesHarness.run(body, flags: flags)
  }

  /// The log as one file, or cut after the first line end past its middle into a rotated file
  /// and the current one.
  static func split(_ bytes: [UInt8], isSplit: Bool) -> [(name: String, bytes: [UInt8])] {
    guard isSplit, let cut = bytes[(bytes.count / 2)...].firstIndex(of: 0x0A) else {
      return [("messages.log", bytes)]
    }
    return [
      ("messages.old_1", Array(bytes[...cut])), ("messages.log", Array(bytes[(cut + 1)...])),
    ]
  }

  /// Reads `files` as the server `ds` by `path`, with what differs between paths by design
  /// (sizes and hashes on disk of plain and gzip files) blanked out.
  static func read(
    _ files: [(name: String, bytes: [UInt8])], _ options: ReadingOptions, _ path: ReadingPath
  ) -> ServerReading {
    let paths = files.map { file in
      let full = scratchFolder + "/" + file.name
      let bytes = path.isCompressed ? Gzip.compress(file.bytes) : file.bytes
      require(FileManager.default.createFile(atPath: full, contents: Data(bytes)), "cannot write \(full)")
      return full
    }
    var options = options
    options.usesPrefilter = path.usesPrefilter
    options.readsWholeFiles = path.readsWholeFiles
    options.lineReader = .init(initialCapacity: path.capacity)
    var reading = ServerLogReader(options: options).read(ServerInput(name: "ds", files: paths))
    for index in reading.inputs.indices {
      reading.inputs[index].bytes = 0
      reading.inputs[index].sha256 = reading.inputs[index].sha256.map { _ in "set" }
    }
    return reading
  }

  /// The first thing that differs, for the crash message.
  static func difference(_ reading: ServerReading, _ reference: ServerReading) -> String {
    for (index, (one, other)) in zip(reading.events, reference.events).enumerated() where one != other {
      return "event \(index): \(one) != \(other)"
    }
    if reading.events.count != reference.events.count {
      return "\(reading.events.count) events != \(reference.events.count)"
    }
    for (one, other) in zip(reading.inputs, reference.inputs) where one != other {
      return "input: \(one) != \(other)"
    }
    return "\(reading.inputs.count) inputs != \(reference.inputs.count)"
  }

  /// A folder of this process in memory when the system has one; removed at exit.
  static let scratchFolder: String = {
    let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let folder = base + "/iris-backup-audit-fuzz-\(getpid())/ds"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    atexit {
      try? FileManager.default.removeItem(atPath: (EventsHarness.scratchFolder as NSString).deletingLastPathComponent)
    }
    return folder
  }()
}
