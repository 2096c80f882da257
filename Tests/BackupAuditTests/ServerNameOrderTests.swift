import BackupAudit
import Testing

struct ServerNameOrderTests {
  @Test func digitsCountAsNumbers() {
    let names = (1...15).map { "shard\($0)" } + ["master"]
    #expect(
      ServerNameOrder.sorted(names.reversed())
        == ["master"] + (1...15).map { "shard\($0)" })
    #expect(ServerNameOrder.precedes("shard2", "shard10"))
    #expect(!ServerNameOrder.precedes("shard10", "shard2"))
  }

  @Test(arguments: [
    ("ds2-node9", "ds2-node10"), ("ds9", "ds10a"), ("node1-b", "node1-c"), ("a", "a1"),
    ("1x", "x"), ("shard02", "shard2"), ("shard2", "shard003"),
    ("shard99999999999999999999998", "shard99999999999999999999999"),
    ("restore1", "shard1"), ("Shard1", "shard1"),
  ])
  func precedesAndNotTheOtherWay(first: String, second: String) {
    #expect(ServerNameOrder.precedes(first, second), "\(first) before \(second)")
    #expect(!ServerNameOrder.precedes(second, first), "\(second) not before \(first)")
  }

  @Test func isAStrictTotalOrderOnMixedNames() {
    let names = [
      "shard10", "shard2", "shard02", "shard002", "master", "ds1", "ds01a", "ds1a", "", "10", "9",
      "shard", "shard2b", "shard2a", "x0", "x00",
    ]
    for name in names { #expect(!ServerNameOrder.precedes(name, name), "\(name)") }
    for a in names {
      for b in names where a != b {
        #expect(ServerNameOrder.precedes(a, b) != ServerNameOrder.precedes(b, a), "\(a) \(b)")
        for c in names where ServerNameOrder.precedes(a, b) && ServerNameOrder.precedes(b, c) {
          #expect(ServerNameOrder.precedes(a, c), "\(a) < \(b) < \(c)")
        }
      }
    }
  }
}
