import BackupAudit
import EvidenceLedger

/// The bytes of an audit snapshot, as a ledger's `audit_snapshot_data` holds them, through
/// `AuditSnapshot.decode`: a ledger can come from anywhere, and one whose hashes were all
/// rewritten hands its snapshot to the next run.
///
/// Bytes that are not a snapshot must be refused, never trap; bytes that are one must read back
/// from their own encoding as an equal result, and encode to the same bytes again.
enum SnapshotHarness {
  static func run(_ input: UnsafeRawBufferPointer) {
    let configuration = AuditConfiguration()
    guard let result = try? AuditSnapshot.decode(Array(input), configuration: configuration) else {
      return
    }
    let bytes = AuditSnapshot.encode(result)
    let again = try? AuditSnapshot.decode(bytes, configuration: configuration)
    require(again == result, "a decoded snapshot does not read back from its own encoding")
    if let again {
      require(AuditSnapshot.encode(again) == bytes, "the same result encodes to other bytes")
    }
  }
}
