import Foundation
import LogParsing
import LogReading

/// Reads every file of a server, in order of their first timestamps, into events (SPEC §3.2).
///
/// Files are read one after another by one thread; `readAll` reads servers in parallel. An
/// unreadable file is recorded in its summary and the other files are still read.
public struct ServerLogReader: Sendable {
  public let options: ReadingOptions
  private let catalogue: CompiledCatalogue

  /// Creates a reader with `options` and a compiled catalogue.
  public init(options: ReadingOptions, catalogue: CompiledCatalogue = .standard) {
    self.options = options
    self.catalogue = catalogue
  }

  /// Reads `servers` in parallel; results come back in the order of `servers`.
  public static func readAll(
    _ servers: [ServerInput], options: (ServerInput) -> ReadingOptions,
    catalogue: CompiledCatalogue = .standard
  ) -> [ServerReading] {
    let readers = servers.map { ServerLogReader(options: options($0), catalogue: catalogue) }
    let results = ResultSlots<ServerReading>(count: servers.count)
    DispatchQueue.concurrentPerform(iterations: servers.count) { index in
      results.set(index, readers[index].read(servers[index]))
    }
    return results.values
  }

  /// Reads one server.
  public func read(_ server: ServerInput) -> ServerReading {
    let converter = LocalTimeConverter(timeZone: options.timeZone)
    let extractor = EventExtractor(catalogue: catalogue, usesPrefilter: options.usesPrefilter)
    var order: [(path: String, first: Int64?)] = server.files.map { ($0, nil) }
    if server.files.count > 1 {
      order = server.files.map { ($0, firstInstant(of: $0, converter: converter)) }
      order.sort { ($0.first ?? .max, $0.path) < ($1.first ?? .max, $1.path) }
    }
    var events: [BackupEvent] = []
    var inputs: [InputSummary] = []
    var overlap = OverlapFilter(limit: options.maximumOverlapEntries)
    for (index, file) in order.enumerated() {
      let nextFirst = index + 1 < order.count ? order[index + 1].first : nil
      overlap.startFile(keepingFrom: nextFirst)
      var summary = InputSummary(server: server.name, path: file.path)
      summary.bytes = fileSize(file.path)
      // Most entries are far from the files' overlaps and no event: the scanner need not hand
      // them out, and `handle` touches none of the variables it captures for them (that would
      // cost run-time exclusivity checks).
      let watched = overlap.watchedInstants
      var scannerConfiguration = options.scanner
      if options.usesPrefilter && catalogue.lineMarker != nil && watched.checkedUntil < .max
        && watched.checkedUntil + 1 <= watched.keptFrom
      {
        scannerConfiguration.unmarkedEntriesSkipped = (watched.checkedUntil + 1)..<watched.keptFrom
      }
      let scanner = EntryScanner(
        converter: converter, legacyYear: legacyPolicy(for: file.path),
        configuration: scannerConfiguration)
      func handle(_ entry: Entry) {
        let instant = entry.epochMilliseconds
        if instant <= watched.checkedUntil || instant >= watched.keptFrom {
          guard overlap.admit(entry) else {
            summary.duplicateEntries += 1
            return
          }
        }
        // Unmarked: the catalogue's marker found none of its literals in the entry's lines.
        guard entry.isMarked else { return }
        if let event = extractor.event(in: entry, server: server.name, path: file.path) {
          events.append(event)
        }
      }
      do {
        let read = try forEachLine(of: file.path) { line in scanner.scan(line, handle) }
        scanner.finish(handle)
        summary.record(read.statistics, scanner.statistics)
        summary.sha256 = read.sha256
      } catch let failure as LineFailure {
        scanner.finish(handle)
        summary.record(failure.statistics, scanner.statistics)
        summary.failure = String(describing: failure.error)
        summary.sha256 = failure.sha256
      } catch {
        summary.failure = String(describing: error)
      }
      let unmatched = extractor.takeMatchErrors()
      summary.matchErrors = unmatched.count
      if unmatched.count > 0 && summary.failure == nil {
        // Read in part: lines that may be events could not be told apart from the others.
        summary.failure =
          "\(file.path): \(unmatched.count) entries could not be matched against the "
          + "catalogue: \(unmatched.last ?? "PCRE2 error"); simplify the configured pattern"
      }
      overlap.finishFile(lastInstant: scanner.statistics.lastEpochMilliseconds)
      inputs.append(summary)
    }
    return ServerReading(
      server: server.name, timeZone: options.timeZone.identifier, events: events, inputs: inputs)
  }

  /// A read error with what had been counted before it, and the file's hash when every byte of
  /// it was read all the same (a gzip stream that ends early).
  private struct LineFailure: Error {
    let error: Error
    let statistics: LineStatistics
    let sha256: String?
  }

  /// The line reader's configuration: the catalogue's marker when the prefilter is on, none
  /// otherwise (every line marked), whatever `options.lineReader` says.
  private var lineReaderConfiguration: LineReader.Configuration {
    var configuration = options.lineReader
    configuration.marker = options.usesPrefilter ? catalogue.lineMarker : nil
    return configuration
  }

  /// Runs `body` on every line of `path`, by the streaming or the whole-file path; returns what
  /// the reader counted and the SHA-256 of the file's bytes as stored.
  private func forEachLine(of path: String, _ body: (Line) -> Void) throws
    -> (statistics: LineStatistics, sha256: String?)
  {
    let file = try FileByteSource(path: path)
    let source = try DecompressingSource.wrap(file, path: path)
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
          marker: configuration.marker, body)
      }
      if let readError {
        throw LineFailure(error: readError, statistics: statistics, sha256: file.sha256)
      }
      return (statistics, file.sha256)
    }
    let reader = LineReader(source: source, configuration: configuration)
    do {
      try reader.forEachLine(body)
    } catch {
      throw LineFailure(error: error, statistics: reader.statistics, sha256: file.sha256)
    }
    return (reader.statistics, file.sha256)
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
    struct Found: Error {}
    _ = try? reader.forEachLine { line in
      scanner.scan(line) { _ in }
      if scanner.statistics.entries > 0 { throw Found() }
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
