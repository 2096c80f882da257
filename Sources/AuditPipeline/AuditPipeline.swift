import AuditReports
import BackupAudit
import BackupEvents
import Foundation
import LogReading

/// The one path from a request to a report: read every server, audit, report (SPEC §6).
///
/// The command line calls it and maps the outcome to an exit status; `events`, `watch` and the
/// ledger use its parts.
public struct AuditPipeline: Sendable {
  /// What one run produced.
  public struct Outcome: Sendable {
    /// What this run read (with `audit --ledger`, the bytes the ledger had not recorded yet).
    public var readings: [ServerReading]
    public var result: AuditResult
    public var report: AuditReport
    /// With `audit --ledger`: the files not read, unchanged since the ledger recorded them.
    public var unchangedFiles: [String] = []
    /// With `audit --ledger`: the run whose recorded audit this one reports, having added no
    /// evidence since; nil when it audited the ledger's history.
    public var reusedRun: Int64?
    /// With `audit --ledger`: what the ledger held that the run passed by, a line each.
    public var ledgerWarnings: [String] = []
  }

  public let request: AuditRequest
  /// The tool's version, for the reports.
  public let toolVersion: String

  /// Creates a pipeline for `request`.
  public init(request: AuditRequest, toolVersion: String) {
    self.request = request
    self.toolVersion = toolVersion
  }

  /// Reads every server of the request, in parallel; the readings in natural order of their
  /// servers' names (those an envelope names among them).
  /// With `--events`, the events files stand for the logs.
  /// With `report --ledger`, the ledger's history stands for them.
  /// With a `planner` (the ledger's), each file starts where it says. `forAuditAlone` leaves
  /// out the events the audit never looks at (`Auditor.ignoredKinds`).
  public func read(planner: FilePlanner? = nil, forAuditAlone: Bool = false)
    throws(AuditPipelineError) -> [ServerReading]
  {
    let options: @Sendable (ServerInput) -> ReadingOptions = { [request] server in
      var options = request.readingOptions(server)
      if forAuditAlone { options.droppedKinds = Auditor.ignoredKinds }
      return options
    }
    let readings =
      request.readsLedger
      ? try readLedger(forAuditAlone: forAuditAlone)
      : request.eventFiles.isEmpty
        ? ServerLogReader.readAll(
          request.servers, options: options, catalogue: request.catalogue, planner: planner)
        : try readEvents()
    return readings.sorted { ServerNameOrder.precedes($0.server, $1.server) }
  }

  /// The readings the `--events` files hold.
  private func readEvents() throws(AuditPipelineError) -> [ServerReading] {
    var files: [(name: String, bytes: [UInt8])] = []
    for path in request.eventFiles {
      let data: Data?
      if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
      } else {
        data = FileManager.default.contents(atPath: path)
      }
      guard let data else { throw .input("cannot read the events file \(path)") }
      files.append((path == "-" ? "standard input" : path, Array(data)))
    }
    do {
      return try EventLinesReader.readings(files)
    } catch {
      throw .input(error.description)
    }
  }

  /// Audits `readings` (the most recent session alone with `--last`) and makes the report.
  public func audit(_ readings: [ServerReading], reportTime: Int64? = nil) -> Outcome {
    var configuration = request.audit
    let generatedAt = reportTime ?? request.reportTime
    configuration.reportTime = generatedAt
    let auditor = Auditor(configuration: configuration)
    let result = request.isLastOnly ? auditor.auditLastSession(readings) : auditor.audit(readings)
    let report = AuditReport(result: result, toolVersion: toolVersion, generatedAt: generatedAt)
    return Outcome(readings: readings, result: result, report: report)
  }

  /// Reads and audits once; with `--last --wait D`, reads again as the logs grow until the
  /// last session is no longer in progress or D has passed (SPEC §6), judging each reading at
  /// the time it was made, so that the post-backup check never passes a backup whose end it
  /// has not read. With `audit --ledger`, reads only what the ledger has not recorded, records
  /// it and reports the audit of all the ledger then holds (`runRecorded`).
  public func run(
    clock: () -> Int64 = AuditPipeline.now, pause: (Int64) -> Void = AuditPipeline.sleep
  ) throws(AuditPipelineError) -> Outcome {
    let started = clock()
    if !request.readsLedger, let path = request.ledgerPath {
      return try runRecorded(in: Self.openLedger(path), startedAt: started, clock: clock)
    }
    // The ledger keeps every event (it holds the evidence); the audit alone needs fewer.
    var readings = try read(forAuditAlone: true)
    var outcome = audit(readings, reportTime: request.isReportTimePinned ? nil : started)
    guard let wait = request.wait else { return outcome }
    var seen = InputState(request.servers, eventFiles: request.eventFiles)
    while outcome.result.sessions.last?.verdict == .inProgress {
      let elapsed = clock() - started
      guard elapsed < wait else { break }
      pause(min(250, wait - elapsed))
      // Read again only when a file changed; judge again in any case, since the freeze may
      // pass its timeout while nothing is written.
      let current = InputState(request.servers, eventFiles: request.eventFiles)
      if current != seen {
        seen = current
        readings = try read(forAuditAlone: true)
      }
      outcome = audit(readings, reportTime: request.isReportTimePinned ? nil : clock())
    }
    return outcome
  }

  /// Writes the `--write` targets of the request.
  public func writeTargets(_ report: AuditReport) throws(AuditPipelineError) {
    for target in request.targets {
      let text: String
      do {
        text = try target.format.writer().rendered(report)
      } catch {
        throw .output("cannot render \(target.format.rawValue) for \(target.path): \(error)")
      }
      try ReportFile.write(text, to: target.path)
    }
  }

  /// Now, in milliseconds since the epoch.
  public static func now() -> Int64 {
    Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
  }

  /// Sleeps `milliseconds`.
  public static func sleep(_ milliseconds: Int64) {
    Thread.sleep(forTimeInterval: Double(max(0, milliseconds)) / 1000)
  }
}

/// The size and modification time of every file of the request's servers: what changes when
/// a log grows, rotates or is replaced.
struct InputState: Equatable {
  private var files: [String: [Int64]] = [:]

  init(_ servers: [ServerInput], eventFiles: [String] = []) {
    for path in servers.flatMap(\.files) + eventFiles {
      var status = stat()
      guard stat(path, &status) == 0 else { continue }
      files[path] = [
        Int64(status.st_size), Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec),
        Int64(status.st_ino),
      ]
    }
  }
}
