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

  /// Records `outcome` as one run, in one transaction.
  func record(_ outcome: Outcome, in ledger: Ledger, startedAt: Int64, finishedAt: Int64)
    throws(AuditPipelineError)
  {
    let recorded = RecordedConfiguration(
      audit: outcome.result.configuration,
      zones: request.zones.mapValues(\.identifier), defaultZone: request.defaultZone.identifier,
      legacyYear: request.legacyYear, configurationFile: request.configurationPath,
      eventFiles: request.eventFiles)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let configuration: String
    do {
      configuration = String(decoding: try encoder.encode(recorded), as: UTF8.self)
    } catch {
      throw .output("cannot record the configuration in \(ledger.path): \(error)")
    }
    // Files are identified only when logs were read here: an events record names a host's file.
    var files: [String: FileIdentity] = [:]
    if request.eventFiles.isEmpty {
      for input in outcome.readings.flatMap(\.inputs) {
        files[input.path] = FileIdentity.of(path: input.path)
      }
    }
    let run = LedgerRun(
      toolVersion: toolVersion, startedAt: startedAt, finishedAt: finishedAt,
      reportTime: outcome.report.generatedAt, configuration: configuration,
      readings: outcome.readings, sessions: outcome.result.sessions,
      findings: outcome.result.findings, files: files)
    do {
      _ = try ledger.record(run)
    } catch {
      throw .output(error.description)
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

  /// The readings the ledger holds.
  func readLedger() throws(AuditPipelineError) -> [ServerReading] {
    guard let path = request.ledgerPath else { throw .usage("report needs --ledger FILE") }
    do {
      return try Ledger.open(path: path).readings()
    } catch {
      throw .input(error.description)
    }
  }
}
