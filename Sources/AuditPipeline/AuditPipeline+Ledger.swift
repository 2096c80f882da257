import AuditReports
import BackupAudit
import BackupEvents
import EvidenceLedger
import Foundation

/// The pipeline's side of the evidence ledger (SPEC §11): `audit --ledger` records each run,
/// `report --ledger` audits the ledger's history instead of logs.
extension AuditPipeline {
  /// The configuration a run records: the audit's thresholds and scope, the zones the logs were
  /// read in, and the configuration file.
  struct RecordedConfiguration: Codable {
    var audit: AuditConfiguration
    var zones: [String: String]
    var defaultZone: String
    var legacyYear: Int?
    var configurationFile: String?
    var eventFiles: [String]

    enum CodingKeys: String, CodingKey {
      case audit, zones
      case defaultZone = "default_zone"
      case legacyYear = "legacy_year"
      case configurationFile = "configuration_file"
      case eventFiles = "event_files"
    }
  }

  /// The ledger at `path`, created when missing; a file that is not one is an input error.
  static func openLedger(_ path: String) throws(AuditPipelineError) -> Ledger {
    do {
      return try Ledger.create(path: path)
    } catch {
      throw .output(error.description)
    }
  }

  /// `audit --ledger`: reads the bytes of each file that the ledger has not recorded (SPEC §11
  /// "Incremental"), records them as one run in one transaction, and reports the audit of every
  /// server's reading as the ledger then holds it: the audit of all the bytes the runs read.
  /// The outcome's readings are this run's own, for what is said of the inputs read.
  func runRecorded(in ledger: Ledger, startedAt started: Int64, clock: () -> Int64)
    throws(AuditPipelineError) -> Outcome
  {
    // Files are identified only when logs are read here: an events record names a host's file.
    let recorded: RecordedFiles
    do {
      recorded = request.eventFiles.isEmpty ? try ledger.recordedFiles() : .none
    } catch {
      throw .output(error.description)
    }
    let reportTime = request.isReportTimePinned ? nil : started
    var (run, readings) = try prepareRun(
      ledger, recorded: recorded, startedAt: started, reportTime: reportTime, clock: clock)
    var outcome: Outcome?
    let recordedRun: Ledger.Recorded
    let key = try snapshotKey(ledger, reportTime: reportTime ?? request.reportTime)
    do {
      recordedRun = try ledger.record(&run, snapshot: key) { history in
        let audited = audit(
          history.sorted { ServerNameOrder.precedes($0.server, $1.server) },
          reportTime: reportTime)
        outcome = audited
        return audited.result
      }
    } catch {
      throw .output(error.description)
    }
    if outcome == nil, let result = recordedRun.result {
      // No evidence was added since the run whose audit is reported.
      outcome = Outcome(
        readings: readings, result: result,
        report: AuditReport(
          result: result, toolVersion: toolVersion, generatedAt: reportTime ?? request.reportTime))
    }
    guard var outcome else { throw .output("cannot record the run in \(ledger.path)") }
    outcome.reusedRun = recordedRun.reusedRun
    outcome.ledgerWarnings = recordedRun.warnings
    outcome.readings = readings
    let read = Set(readings.flatMap(\.inputs).map(\.path))
    outcome.unchangedFiles = request.servers.flatMap(\.files).filter {
      !read.contains($0) && $0 != "-"
    }
    return outcome
  }

  /// The run to record: what was read of the bytes the ledger has not recorded, files read on
  /// given as the whole of what was read of them; and this run's readings without their events,
  /// for what the outcome says of the inputs read. The events are the run's alone, so that
  /// the ledger releases them once it inserted them, before it loads the history to audit it.
  private func prepareRun(
    _ ledger: Ledger, recorded: RecordedFiles, startedAt started: Int64, reportTime: Int64?,
    clock: () -> Int64
  ) throws(AuditPipelineError) -> (run: LedgerRun, readings: [ServerReading]) {
    let readings = try read(planner: request.eventFiles.isEmpty ? recorded.planner : nil)
    let merged = recorded.merged(readings)
    let run = LedgerRun(
      toolVersion: toolVersion, startedAt: started, finishedAt: clock(),
      reportTime: reportTime ?? request.reportTime,
      configuration: try recordedConfiguration(ledger, reportTime: reportTime ?? request.reportTime),
      readings: merged.readings, overlaps: merged.overlaps,
      recordedUpTo: request.eventFiles.isEmpty ? recorded.lastInput : nil)
    let read = readings.map {
      ServerReading(server: $0.server, timeZone: $0.timeZone, events: [], inputs: $0.inputs)
    }
    return (run, read)
  }

  /// What the audit of the ledger's history depends on besides its rows and the report time
  /// (`AuditSnapshotKey`): the tool's version and its executable, the configuration without
  /// the report time, and whether the run reports the last session alone.
  private func snapshotKey(_ ledger: Ledger, reportTime: Int64)
    throws(AuditPipelineError) -> AuditSnapshotKey
  {
    var configuration = request.audit
    configuration.reportTime = reportTime
    let basis = [
      "tool \(toolVersion)", "executable \(Self.executableIdentity)",
      "last \(request.isLastOnly)", try recordedConfiguration(ledger, reportTime: nil),
    ]
    return AuditSnapshotKey(
      basis: basis.joined(separator: "\n"), configuration: configuration, reportTime: reportTime)
  }

  /// The running executable's device, inode, size and modification time: a binary rebuilt or
  /// upgraded under the same version number may audit otherwise, and must not report an audit
  /// an older one recorded. Unknown (no `/proc`): a value of this process alone, so that no
  /// recorded audit is reported.
  static let executableIdentity: String = {
    var status = stat()
    guard stat("/proc/self/exe", &status) == 0 else { return "unknown \(UUID().uuidString)" }
    return "\(status.st_dev) \(status.st_ino) \(status.st_size) "
      + "\(status.st_mtim.tv_sec).\(status.st_mtim.tv_nsec)"
  }()

  /// The configuration a run records, as JSON with sorted keys; without a report time, none.
  private func recordedConfiguration(_ ledger: Ledger, reportTime: Int64?)
    throws(AuditPipelineError) -> String
  {
    var audit = request.audit
    audit.reportTime = reportTime
    let recorded = RecordedConfiguration(
      audit: audit, zones: request.zones.mapValues(\.identifier),
      defaultZone: request.defaultZone.identifier, legacyYear: request.legacyYear,
      configurationFile: request.configurationPath, eventFiles: request.eventFiles)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    do {
      return String(decoding: try encoder.encode(recorded), as: UTF8.self)
    } catch {
      throw .output("cannot record the configuration in \(ledger.path): \(error)")
    }
  }

  /// The audit configuration the ledger's latest run recorded, without its period and report
  /// time: `report --ledger`'s thresholds, members and roles when no `--config` is given.
  static func recordedAudit(_ path: String) throws(AuditPipelineError) -> AuditConfiguration {
    do {
      guard let text = try Ledger.open(path: path).latestConfiguration() else {
        return AuditConfiguration()
      }
      var audit = try JSONDecoder().decode(RecordedConfiguration.self, from: Data(text.utf8)).audit
      audit.since = nil
      audit.until = nil
      audit.reportTime = nil
      return audit
    } catch let error as LedgerError {
      throw .input(error.description)
    } catch {
      throw .input("\(path): the latest run's configuration cannot be read: \(error)")
    }
  }

  /// The readings the ledger holds; `forAuditAlone` leaves out what the audit never looks at.
  func readLedger(forAuditAlone: Bool) throws(AuditPipelineError) -> [ServerReading] {
    guard let path = request.ledgerPath else { throw .usage("report needs --ledger FILE") }
    do {
      return try Ledger.open(path: path).readings(
        excluding: forAuditAlone ? Auditor.ignoredKinds : [])
    } catch {
      throw .input(error.description)
    }
  }
}
