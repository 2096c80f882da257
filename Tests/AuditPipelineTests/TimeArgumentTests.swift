import AuditPipeline
import Foundation
import Testing

/// `--since`, `--until` and `--report-time`: the usual forms are read without Foundation's
/// formatter, and must give what it gives.
struct TimeArgumentTests {
  static let now: Int64 = 1_900_000_000_000

  static func foundation(_ text: String) -> Int64? {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
    let date =
      formatter.date(from: text)
      ?? {
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
      }()
    return date.map { Int64(($0.timeIntervalSince1970 * 1000).rounded()) }
  }

  @Test(arguments: [
    "2030-01-01T00:00:00Z", "2021-08-11T05:49:43.233Z", "2024-02-29T23:59:59Z",
    "1999-12-31T23:59:59.999Z", "2021-08-11T05:49:43+02:00", "2021-08-11T05:49:43.5Z",
  ])
  func timesAreReadAsFoundationReadsThem(text: String) throws {
    #expect(try TimeArgument.instant(text, now: Self.now, flag: "--since") == Self.foundation(text))
  }

  @Test func datesAndDurations() throws {
    #expect(try TimeArgument.instant("2021-08-11", now: Self.now, flag: "--since") == 1_628_640_000_000)
    #expect(try TimeArgument.instant("26h", now: Self.now, flag: "--since") == Self.now - 26 * 3_600_000)
  }

  @Test(arguments: ["2021-02-30T00:00:00Z", "2021-08-11T25:00:00Z", "2021-08-11T05:49:43", "soon", ""])
  func impossibleTimesAreUsageErrors(text: String) {
    #expect(throws: AuditPipelineError.self) {
      try TimeArgument.instant(text, now: Self.now, flag: "--since")
    }
  }
}
