import BackupAudit
import Foundation
import TestSupport
import Testing

@testable import EvidenceLedger

/// What the snapshot fuzz target found (Fuzz/crashes/snapshot/): a snapshot holding a duration
/// that is not a finite number decoded, and the result was not equal to itself (NaN), nor
/// could any report have written it. Such bytes are no snapshot of an audit.
struct SnapshotFuzzRegressionTests {
  @Test func aSnapshotWithADurationThatIsNotANumberIsRefused() throws {
    let crash = [UInt8](
      try Data(
        contentsOf: URL(
          fileURLWithPath: EventReading.packagePath("Fuzz/crashes/snapshot/duration-not-a-number"))))
    #expect(throws: AuditSnapshot.Corrupt.self) {
      try AuditSnapshot.decode(crash, configuration: AuditConfiguration())
    }
  }

  @Test(arguments: [Double.nan, .infinity, -.infinity, .signalingNaN])
  func everyDurationMustBeFinite(duration: Double) {
    var result = AuditSnapshotTests.everyField
    result.sessions[0].members[0].durationSeconds = duration
    #expect(throws: AuditSnapshot.Corrupt.self) {
      try AuditSnapshot.decode(AuditSnapshot.encode(result), configuration: AuditConfiguration())
    }
    result.sessions[0].members[0].durationSeconds = 1.5
    result.sessions[0].members[0].elapsedSeconds = duration
    #expect(throws: AuditSnapshot.Corrupt.self) {
      try AuditSnapshot.decode(AuditSnapshot.encode(result), configuration: AuditConfiguration())
    }
  }
}
