import BackupEvents
import Foundation
import LogReading
import TestSupport
import Testing

/// What the fuzz targets found, as a reader of a server's logs sees it (Fuzz/README.md).
struct EventsFuzzRegressionTests {
  /// A rotated log compressed with a wrong CRC-32 in its trailer (a damaged archive): the
  /// events inflated before the damage are read and the file is reported as read in part.
  /// `GzipByteSource.read` dropped the bytes of the `inflate` call that met the damage, here
  /// the whole file, so the freeze and thaw were lost (GzipFuzzRegressionTests has the cause).
  @Test func eventsBeforeAGzipChecksumErrorAreRead() throws {
    let log = """
      08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system
      08/11/21-05:49:44:100 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: System suspended
      08/11/21-05:50:01:500 (18400) 0 [Utility.Event] Backup.General.ExternalThaw: System resumed

      """
    var compressed = Gzip.compress(Array(log.utf8))
    compressed[compressed.count - 8] ^= 0xFF
    let folder = try TemporaryFolder()
    let path = try folder.write("ds1/messages.old_1.gz", bytes: compressed)
    let reading = ServerLogReader(options: EventReading.options()).read(
      ServerInput(name: "ds1", files: [path]))
    #expect(reading.events.map(\.kind) == [.freezeBegin, .frozen, .thawed])
    #expect(reading.inputs.first?.failure != nil)
    #expect(reading.inputs.first?.lines == 3)
  }
}
