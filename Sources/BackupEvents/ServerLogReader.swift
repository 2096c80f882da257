import Foundation
import LogParsing
import LogReading

/// Reads every file of a server, in order of their first timestamps, into events (SPEC §3.2).
///
/// Files are read one after another by one thread; `readAll` reads servers in parallel. An
/// unreadable file is recorded in its summary and the other files are still read. Each file's
/// envelope (SPEC §3.1) is detected from its first lines unless the options fix it; a file whose
/// envelope names servers (docker compose, syslog) gives one reading per server named in it.
public struct ServerLogReader: Sendable {
  public let options: ReadingOptions
  private let catalogue: CompiledCatalogue
  /// The prefilter's marker: the catalogue's, without the literals of the kinds dropped.
  private let marker: LiteralMarker?
  /// The options of a server a file names (its zone from the configuration, by that name).
  private let namedOptions: @Sendable (String) -> ReadingOptions

  /// Creates a reader with `options` and a compiled catalogue; `namedOptions` gives the options
  /// of the servers an envelope names (by default the same options).
  public init(
    options: ReadingOptions, catalogue: CompiledCatalogue = .standard,
    namedOptions: (@Sendable (String) -> ReadingOptions)? = nil
  ) {
    self.options = options
    self.catalogue = catalogue
    marker = catalogue.lineMarker(leavingOut: options.droppedKinds)
    self.namedOptions = namedOptions ?? { _ in options }
  }

  /// Reads `servers` in parallel; one reading per server found, sorted by name, the readings of
  /// a server named in several inputs (a syslog host in two archives) merged.
  /// With a `planner`, each file starts where it says (the evidence ledger's reading in parts).
  public static func readAll(
    _ servers: [ServerInput], options: @escaping @Sendable (ServerInput) -> ReadingOptions,
    catalogue: CompiledCatalogue = .standard, planner: FilePlanner? = nil
  ) -> [ServerReading] {
    let readers = servers.map { server in
      ServerLogReader(
        options: options(server), catalogue: catalogue,
        namedOptions: { name in options(ServerInput(name: name, files: server.files)) })
    }
    let results = ResultSlots<[ServerReading]>(count: servers.count)
    DispatchQueue.concurrentPerform(iterations: servers.count) { index in
      results.set(index, readers[index].readStreams(servers[index], planner: planner))
    }
    return merged(results.values.flatMap { $0 })
  }

  /// `readings` with one reading per server name, in name order.
  public static func merged(_ readings: [ServerReading]) -> [ServerReading] {
    var byName: [String: ServerReading] = [:]
    for reading in readings {
      if var existing = byName[reading.server] {
        existing.events += reading.events
        existing.inputs += reading.inputs
        byName[reading.server] = existing
      } else {
        byName[reading.server] = reading
      }
    }
    return byName.keys.sorted().map { byName[$0]! }
  }

  /// Reads one server whose files hold its log alone: the readings of every server a file
  /// names, if any, merged under `server`'s name. `readStreams` keeps them apart.
  public func read(_ server: ServerInput) -> ServerReading {
    let streams = readStreams(server)
    return ServerReading(
      server: server.name, timeZone: options.timeZone.identifier,
      events: streams.flatMap(\.events), inputs: streams.flatMap(\.inputs))
  }

  /// Reads one server input: one reading for its own log, and one for each server its files
  /// name (in order of first appearance). With a `planner`, each file starts where it says and
  /// its summaries carry an `InputRange`; a file it skips is not read and has no summary.
  public func readStreams(_ server: ServerInput, planner: FilePlanner? = nil) -> [ServerReading] {
    readStreams(server, plans: planner.map { plan(server, with: $0) } ?? [:])
  }

  /// `readStreams`, each file of `plans` read from its start (a file not in `plans` whole).
  func readStreams(_ server: ServerInput, plans: [String: PlannedFile]) -> [ServerReading] {
    let files = server.files.filter { plans[$0]?.start.isSkipped != true }
    var order: [(path: String, first: Int64?)] = files.map { ($0, nil) }
    if files.count > 1 {
      let converter = LocalTimeConverter(timeZone: options.timeZone)
      order = files.map {
        ($0, plans[$0]?.start.firstInstant ?? firstInstant(of: $0, converter: converter))
      }
      order.sort { ($0.first ?? .max, $0.path) < ($1.first ?? .max, $1.path) }
    }
    let own = ServerStream(name: server.name, options: options, catalogue: catalogue)
    var named: [String: ServerStream] = [:]
    var namedOrder: [ServerStream] = []
    for (index, file) in order.enumerated() {
      let nextFirst = index + 1 < order.count ? order[index + 1].first : nil
      var opened: (file: LogFile, start: FileStart)?
      if let planned = plans[file.path] { opened = try? open(file.path, planned) }
      let fileStart = opened?.start ?? .whole
      let size = opened.map { Int($0.file.identity.size) } ?? fileSize(file.path)
      let legacyYear = fileStart.legacyYear.map { .fixed($0) } ?? legacyPolicy(for: file.path)
      var touched: [ServerStream] = []
      func start(_ stream: ServerStream) -> ServerStream {
        if !stream.isInFile {
          stream.startFile(file.path, size: size, nextFirst: nextFirst, legacyYear: legacyYear)
          touched.append(stream)
        }
        return stream
      }
      // The stream of a named line; the last one is kept, since a name mostly repeats.
      var lastName: [UInt8] = []
      var last: ServerStream?
      func stream(named name: UnsafeRawBufferPointer) -> ServerStream {
        if let last, name.elementsEqual(lastName) { return last }
        let key = String(decoding: name, as: UTF8.self)
        let found =
          named[key]
          ?? {
            let created = ServerStream(
              name: key, options: namedOptions(key), catalogue: catalogue)
            named[key] = created
            namedOrder.append(created)
            return created
          }()
        lastName = Array(name)
        last = start(found)
        return found
      }
      let decoder = EnvelopeDecoder(
        envelope: options.envelope ?? fileStart.envelope,
        maximumLineLength: options.lineReader.maximumLineLength, isLogLine: Self.isLogLine)
      // Lines not in the envelope's form belong to no server: each is counted with the server
      // of the next line that is (or the last one, at the end).
      // The file's own server is started first, so that a plain log's lines go straight to it;
      // a file that names its servers and holds no line of its own leaves it no input.
      _ = start(own)
      var attributed = 0
      func take(_ name: UnsafeRawBufferPointer?, _ line: Line) {
        let stream = name.map { stream(named: $0) } ?? start(own)
        let malformed = decoder.statistics.malformedLines
        if malformed > attributed {
          stream.countMalformed(malformed - attributed)
          attributed = malformed
        }
        stream.scan(line)
      }
      var statistics = LineStatistics()
      var sha256: String?
      var failure: String?
      // A plain log's lines go straight to its own scanner, held in a local: nothing is
      // retained or looked up per line. Whether the file is plain, and how many lines went
      // that way, live behind a pointer: as captured variables (or the decoder's property)
      // each line cost two run-time exclusivity checks.
      let feed = own.feed()
      let plain = UnsafeMutablePointer<(isOn: Bool, lines: Int)>.allocate(capacity: 1)
      plain.initialize(to: (decoder.isPlain, 0))
      defer { plain.deallocate() }
      var read: (bytes: Int64, sha256: String?)?
      do {
        func scan(_ line: Line) {
          if plain.pointee.isOn {
            plain.pointee.lines += 1
            feed(line)
            return
          }
          decoder.decode(line, take)
          plain.pointee.isOn = decoder.isPlain
        }
        // The runs of a plain log's unmarked lines go to its scanner whole.
        let maximumLineLength = options.lineReader.maximumLineLength
        func run(_ lines: LineReader.UnmarkedLines) -> (bytes: Int, lines: Int) {
          guard plain.pointee.isOn else { return (0, 0) }
          let taken = feed.run(lines, maximumLineLength: maximumLineLength)
          plain.pointee.lines += taken.lines
          return taken
        }
        if let opened {
          let lines = try forEachLine(
            of: opened.file, from: fileStart, to: plans[file.path]?.tail?.end, scan, runs: run)
          statistics = lines.statistics
          read = (lines.bytes, lines.sha256)
          // The file's own hash only when all of it was read.
          sha256 = fileStart.offset == 0 ? lines.sha256 : nil
        } else {
          (statistics, sha256) = try forEachLine(of: file.path, scan, runs: run)
        }
      } catch let error as LineFailure {
        statistics = error.statistics
        sha256 = error.sha256
        failure = String(describing: error.error)
      } catch {
        for stream in touched {
          stream.finishFile(
            statistics, envelope: .plain, decoder: nil, holdsOneServer: true, sha256: nil,
            failure: nil, isKept: false)
        }
        own.recordUnreadable(file.path, size: size, failure: String(describing: error))
        continue
      }
      own.countLines(plain.pointee.lines)
      decoder.finish(take)
      let malformed = decoder.statistics.malformedLines - attributed
      if malformed > 0 { (last ?? start(own)).countMalformed(malformed) }
      let envelope = decoder.envelope ?? .plain
      let holdsOneServer = touched.count == 1
      var ranges: [String: InputRange] = [:]
      var unfinishedFrom: Int?
      if let opened, let read, failure == nil, plans[file.path]?.tail == nil {
        (ranges, unfinishedFrom) = self.ranges(
          of: opened.file, from: fileStart, server: server.name, read: read, statistics: statistics,
          streams: touched, decoder: decoder)
      }
      for stream in touched {
        stream.finishFile(
          statistics, envelope: envelope, decoder: decoder.statistics,
          holdsOneServer: holdsOneServer, sha256: sha256, failure: failure,
          isKept: holdsOneServer || stream !== own || own.fileLines > 0, range: ranges[stream.name])
        if let unfinishedFrom { stream.discardEvents(fromLine: unfinishedFrom) }
      }
    }
    let streams = own.inputs.isEmpty && !namedOrder.isEmpty ? namedOrder : [own] + namedOrder
    return streams.map(\.reading)
  }

  /// True when `line` is a line of an IRIS log: an entry's start in any layout, a recovery
  /// block's start, or a structured-log line (what envelope detection looks for).
  @Sendable static func isLogLine(_ line: UnsafeRawBufferPointer) -> Bool {
    switch LineClassifier.classify(line) {
    case .entry, .recovery: return true
    case .impossibleTimestamp, .other: return StructuredLogLine.parse(line) != nil
    }
  }

  /// A read error with what had been counted before it, and the file's hash when every byte of
  /// it was read all the same (a gzip stream that ends early).
  struct LineFailure: Error {
    let error: Error
    let statistics: LineStatistics
    let sha256: String?
  }

  /// The line reader's configuration: the catalogue's marker (less the dropped kinds' literals)
  /// when the prefilter is on, none otherwise (every line marked), whatever
  /// `options.lineReader` says.
  private var lineReaderConfiguration: LineReader.Configuration {
    var configuration = options.lineReader
    configuration.marker = options.usesPrefilter ? marker : nil
    return configuration
  }

  /// Runs `body` on every line of `path`, by the streaming or the whole-file path; returns what
  /// the reader counted and the SHA-256 of the file's bytes as stored.
  private func forEachLine(
    of path: String, _ body: (Line) -> Void, runs: LineReader.UnmarkedRun
  ) throws
    -> (statistics: LineStatistics, sha256: String?)
  {
    let file = try FileByteSource(path: path)
    let source = try DecompressingSource.wrap(file, path: path)
    do {
      return (try forEachLine(of: source, body, runs: runs), file.sha256)
    } catch let failure as LineFailure {
      throw LineFailure(error: failure.error, statistics: failure.statistics, sha256: file.sha256)
    }
  }

  /// Runs `body` on every line of `source`, by the streaming or the whole-file path, the runs
  /// of unmarked lines offered to `runs` first (`LineReader.forEachLine(_:runs:)`); returns
  /// what the reader counted. A read error is a `LineFailure` without a hash.
  func forEachLine(of source: ByteSource, _ body: (Line) -> Void, runs: LineReader.UnmarkedRun)
    throws -> LineStatistics
  {
    let configuration = lineReaderConfiguration
    if options.readsWholeFiles {
      var bytes: [UInt8] = []
      var chunk = [UInt8](repeating: 0, count: 1 << 16)
      var readError: Error?
      do {
        while true {
          let count = try chunk.withUnsafeMutableBytes { try source.read(into: $0) }
          if count == 0 { break }
          bytes.append(contentsOf: chunk[..<count])
        }
      } catch {
        readError = error
      }
      let statistics = bytes.withUnsafeBytes {
        LineReader.forEachLine(
          in: $0, maximumLineLength: configuration.maximumLineLength,
          marker: configuration.marker, body, runs: runs)
      }
      if let readError {
        throw LineFailure(error: readError, statistics: statistics, sha256: nil)
      }
      return statistics
    }
    let reader = LineReader(source: source, configuration: configuration)
    do {
      try reader.forEachLine(body, runs: runs)
    } catch {
      throw LineFailure(error: error, statistics: reader.statistics, sha256: nil)
    }
    return reader.statistics
  }

  /// The instant of a file's first entry, reading no further than that entry's first line.
  private func firstInstant(of path: String, converter: LocalTimeConverter) -> Int64? {
    guard
      let source = try? DecompressingSource.wrap(
        FileByteSource(path: path, hashes: false), path: path)
    else {
      return nil
    }
    let scanner = EntryScanner(converter: converter, legacyYear: legacyPolicy(for: path))
    let reader = LineReader(source: source, configuration: options.lineReader)
    let decoder = EnvelopeDecoder(
      envelope: options.envelope, maximumLineLength: options.lineReader.maximumLineLength,
      isLogLine: Self.isLogLine)
    struct Found: Error {}
    _ = try? reader.forEachLine { line in
      try decoder.decode(line) { _, inner in
        scanner.scan(inner) { _ in }
        if scanner.statistics.entries > 0 { throw Found() }
      }
    }
    if scanner.statistics.entries == 0 {
      try? decoder.finish { _, inner in scanner.scan(inner) { _ in } }
      scanner.finish { _ in }
    }
    return scanner.statistics.firstEpochMilliseconds
  }

  private func legacyPolicy(for path: String) -> LegacyYearPolicy {
    if let year = options.legacyYear { return .fixed(year) }
    guard path != "-",
      let attributes = try? FileManager.default.attributesOfItem(atPath: path),
      let modified = attributes[.modificationDate] as? Date
    else { return .unknown }
    let milliseconds = Int64((modified.timeIntervalSince1970 * 1000).rounded(.down))
    return .modificationTime(
      LocalTimeConverter(timeZone: options.timeZone).localTime(of: milliseconds))
  }

  private func fileSize(_ path: String) -> Int {
    guard path != "-", let attributes = try? FileManager.default.attributesOfItem(atPath: path)
    else { return 0 }
    return (attributes[.size] as? NSNumber)?.intValue ?? 0
  }
}
