import Testing

@testable import AuditReports

/// Member lists name exactly the servers they list: ranges only for three or more consecutive
/// numbers under one stem.
struct MemberListTests {
  @Test(arguments: [
    (["master"] + (1...15).map { "shard\($0)" }, "master, shard1–shard15"),
    (["shard1", "shard2"], "shard1, shard2"),
    (["shard1", "shard2", "shard3", "shard5"], "shard1–shard3, shard5"),
    (["ds1", "ds2", "ds3", "dt4", "dt5", "dt6"], "ds1–ds3, dt4–dt6"),
    (["shard01", "shard02", "shard03"], "shard01, shard02, shard03"),
    (["shard9", "shard10", "shard11"], "shard9–shard11"),
    (["a1", "a2", "a3", "a3"], "a1–a3, a3"),
    (["x", "y1", "y2", "y3", "0", "1", "2"], "x, y1–y3, 0–2"),
    ([], ""),
  ])
  func compacts(names: [String], expected: String) {
    #expect(MemberList.compact(names) == expected)
  }

  @Test func everyNameOfALongClusterIsCoveredOnce() {
    let names = ["master"] + (1...40).filter { $0 % 7 != 0 }.map { "shard\($0)" }
    var covered: [String] = []
    for part in MemberList.compact(names).components(separatedBy: ", ") {
      let ends = part.components(separatedBy: "–")
      guard ends.count == 2, let first = Int(ends[0].dropFirst(5)),
        let last = Int(ends[1].dropFirst(5))
      else {
        covered.append(part)
        continue
      }
      covered += (first...last).map { "shard\($0)" }
    }
    #expect(covered == names)
  }
}
