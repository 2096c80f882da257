import Dispatch
import Foundation

/// What a simulation wrote.
public struct SimulationSummary: Sendable, Equatable {
  /// The truth, with every server's log span filled in.
  public var truth: SimulationTruth
  /// Bytes of log written (before gzip).
  public var bytesWritten: Int
  /// Log files written, over all servers.
  public var files: Int
}

/// The simulated engine's entry point: runs the cluster model and writes
/// `OUTDIR/<server>/messages.log` (and rotated files), `OUTDIR/cluster.toml` and
/// `OUTDIR/truth.json`. Same configuration, same bytes.
public enum ClusterSimulator {
  /// Runs the model without writing anything; the truth's log spans stay nil.
  public static func simulate(_ configuration: SimulationConfiguration) throws(SimulationError)
    -> SimulationTruth
  {
    var builder = TruthBuilder(model: try model(configuration))
    return builder.build()
  }

  /// Runs the model: servers, nights, faults. Exposed to the tests through `@testable`.
  static func model(_ configuration: SimulationConfiguration) throws(SimulationError)
    -> ClusterModel
  {
    try configuration.validate()
    var model = try ClusterModel(configuration: configuration)
    try model.run()
    return model
  }

  /// Runs the model and writes the corpus into `outputDirectory` (created if needed; the
  /// servers' old `messages.*` files there are replaced).
  public static func run(_ configuration: SimulationConfiguration, outputDirectory: String)
    throws(SimulationError) -> SimulationSummary
  {
    let model = try model(configuration)
    var builder = TruthBuilder(model: model)
    var truth = builder.build()
    var jobs = model.servers.indices.map { index in
      LogJob(
        server: model.servers[index], evidenceStart: model.evidenceStart[index],
        end: model.evidenceEnd[index],
        noiseStream: UInt64(index) + 1, layout: configuration.layout(of: index))
    }
    if configuration.restoreTest,
      let restore = RestoreStaging.stage(model, truth: truth, sessionIDs: builder.sessionIDs)
    {
      // The restored copy draws the master's noise stream, so its log repeats the master's
      // byte for byte up to the snapshot.
      jobs.append(
        LogJob(
          server: restore.server, evidenceStart: restore.evidenceStart,
          end: restore.end, noiseStream: 1, layout: configuration.layout(of: 0)))
      truth.servers.append(
        SimulationTruth.Server(
          name: restore.server.name, timeZone: restore.server.zone.identifier,
          configuredTimeZone: restore.server.zone.identifier, role: "restored",
          clockOffsetMilliseconds: restore.server.clock.offsetMilliseconds,
          driftPartsPerMillion: restore.server.clock.driftPartsPerMillion,
          restoredFrom: model.servers[0].name, layout: configuration.layout(of: 0).rawValue))
      truth.restoreTests.append(restore.restoreTest)
      truth.expectedEvents[restore.server.name] = restore.expectedEvents
    }
    let written = try writeLogs(jobs, configuration: configuration, into: outputDirectory)
    for index in truth.servers.indices {
      truth.servers[index].logFrom = written[index].logFrom
      truth.servers[index].logTo = written[index].logTo
    }
    try save(
      TruthDocument.json(truth, configuration: configuration), to: outputDirectory + "/truth.json")
    try save(
      TruthDocument.toml(truth, configuration: configuration), to: outputDirectory + "/cluster.toml"
    )
    return SimulationSummary(
      truth: truth, bytesWritten: written.map(\.bytes).reduce(0, +),
      files: written.map(\.files.count).reduce(0, +))
  }

  private static func writeLogs(
    _ jobs: [LogJob], configuration: SimulationConfiguration,
    into directory: String
  ) throws(SimulationError) -> [WrittenLog] {
    let catalogue = NoiseCatalogue()
    let escapedCatalogue = NoiseCatalogue(escaped: true)
    let decoys = NoiseCatalogue(definitions: NoiseCatalogue.decoyDefinitions)
    let noiseRoot = SplitMix64(seed: configuration.seed ^ 0x6E6F_6973_6500)
    let results = ResultBox(count: jobs.count)
    let arrivalStart = Int64(configuration.start.daysSinceEpoch) * 86_400_000
    for job in jobs {
      try prepare(directory + "/" + job.server.name)
    }
    DispatchQueue.concurrentPerform(iterations: jobs.count) { index in
      let job = jobs[index]
      let folder = directory + "/" + job.server.name
      var writer = ServerLogWriter(
        server: job.server, directory: folder, evidenceStart: job.evidenceStart, end: job.end,
        noisePerHour: configuration.noisePerHour, rotateBytes: configuration.rotateBytes,
        layout: job.layout, catalogue: job.layout.isStructured ? escapedCatalogue : catalogue,
        decoyShare: configuration.decoyShare, decoys: decoys,
        rng: noiseRoot.derived(job.noiseStream))
      do {
        let log = try writer.write()
        if !configuration.envelope.isCombined && configuration.envelope != .plain {
          try configuration.envelope.wrapServerFiles(
            log.files.map { folder + "/" + $0 }, start: arrivalStart)
        }
        if configuration.gzipRotated && !configuration.envelope.isCombined {
          for file in log.files.dropLast() { try GzipCompressor.compress(folder + "/" + file) }
        }
        results.set(index, .success(log))
      } catch {
        results.set(
          index,
          .failure(error as? SimulationError ?? .cannotWrite(path: folder, reason: "\(error)")))
      }
    }
    let written = try results.values()
    if configuration.envelope.isCombined {
      let servers = zip(jobs, written).map { job, log in
        (job.server.name, log.files.map { directory + "/" + job.server.name + "/" + $0 })
      }
      try configuration.envelope.writeCombined(
        servers, to: directory + "/cluster.log", start: arrivalStart, seed: configuration.seed)
    }
    return written
  }

  /// Creates a server's folder and removes the logs a previous run left in it.
  private static func prepare(_ folder: String) throws(SimulationError) {
    let manager = FileManager.default
    do {
      try manager.createDirectory(atPath: folder, withIntermediateDirectories: true)
      for name in try manager.contentsOfDirectory(atPath: folder)
      where name.hasPrefix("messages.") || name.hasPrefix("cconsole.") {
        try manager.removeItem(atPath: folder + "/" + name)
      }
    } catch {
      throw .cannotWrite(path: folder, reason: error.localizedDescription)
    }
  }

  private static func save(_ text: String, to path: String) throws(SimulationError) {
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    } catch {
      throw .cannotWrite(path: path, reason: error.localizedDescription)
    }
  }
}

/// One server's log to write: its model, the span of its evidence, its noise stream.
private struct LogJob: Sendable {
  var server: ServerModel
  var evidenceStart: Int64
  var end: Int64
  var noiseStream: UInt64
  var layout: LogLayout
}

/// Collects the per-server results of the parallel writers.
private final class ResultBox: @unchecked Sendable {
  // SAFETY: every access to `slots` holds `lock`.
  private let lock = NSLock()
  private var slots: [Result<WrittenLog, SimulationError>?]

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ result: Result<WrittenLog, SimulationError>) {
    lock.lock()
    slots[index] = result
    lock.unlock()
  }

  func values() throws(SimulationError) -> [WrittenLog] {
    lock.lock()
    defer { lock.unlock() }
    var logs: [WrittenLog] = []
    for slot in slots {
      switch slot {
      case .success(let log): logs.append(log)
      case .failure(let error): throw error
      case nil: throw .cannotWrite(path: "", reason: "a server's writer did not finish")
      }
    }
    return logs
  }
}
