import AuditPipeline
import ClusterConfiguration

/// The durations of the configuration and of the command line (`DurationParser`) and the
/// times of `--since`, `--until` and `--report-time` (`TimeArgument.instant`, ISO 8601 through
/// Foundation).
///
/// Any text may be rejected, none may crash; an accepted duration is never negative and reads
/// back from its own `text(milliseconds:)`, which the effective configuration relies on.
enum DurationsHarness {
  /// 2021-08-11T05:49:43Z: a fixed "now", so that a failure replays.
  static let now: Int64 = 1_628_660_983_000

  static func run(_ input: UnsafeRawBufferPointer) {
    let text = String(decoding: input, as: UTF8.self)
    if let milliseconds = try? DurationParser.milliseconds(text) {
      require(milliseconds >= 0, "\(text) is \(milliseconds) ms")
      let written = DurationParser.text(milliseconds: milliseconds)
      let again = try? DurationParser.milliseconds(written)
      require(again == milliseconds, "\(text) is \(milliseconds) ms, written \(written)")
    }
    _ = try? TimeArgument.instant(text, now: now, flag: "--since")
  }
}
