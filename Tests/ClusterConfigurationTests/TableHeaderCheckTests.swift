import ClusterConfiguration
import Testing

/// Issue 14: no configuration file aborts the process inside toml++; headers that do not begin
/// with a key are errors of their own.
struct TableHeaderCheckTests {
  @Test(arguments: [
    "[[[c", "[=x]", "[#]", "[[ =]]", "[ .a]", "[\n", "[[\r\n", "a = 1\n\n  [{x}]\n", "[\u{0}]",
  ])
  func aHeaderWithoutAKeyIsAnErrorNotACrash(text: String) throws {
    let error = try #require(throws: ConfigurationError.self) {
      try ClusterConfigurationFile.parse(text, path: "cluster.toml")
    }
    #expect(error.description.hasPrefix("cluster.toml: line "))
    #expect(error.description.contains("a table header must begin with a key"), "\(error)")
  }

  @Test func valuesAndStringsThatBeginALineWithABracketAreNoHeaders() throws {
    let text = """
      [cluster]
      name = "prod"

      [[catalogue]]
      event = "frozen"
      pattern = '''
      [=not a header]
      '''
      literal = "frozen"

      [[catalogue]]
      event = "thawed"
      pattern = "^x\\\\[#$"
      literal = "x"
      """
    let file = try ClusterConfigurationFile.parse(text, path: "cluster.toml")
    #expect(file.catalogueAdditions.map(\.kind.rawValue) == ["frozen", "thawed"])
  }

  @Test func quotedAndBareHeadersStillParse() throws {
    let file = try ClusterConfigurationFile.parse(
      "[ cluster ]\nname = \"a\"\n[[ \"servers\" ]]\nname = \"m\"\n", path: "c.toml")
    #expect(file.clusterName == "a")
    #expect(file.servers.map(\.name) == ["m"])
  }

  /// The configuration fuzz target's `Fuzz/crashes/configuration/date-then-colon`: toml++
  /// asserts a digit after a date's `T`.
  @Test(arguments: ["a=1979-05-27T:", "a = 1979-05-27t", "a = [1979-05-27T ]"])
  func aDateWhoseTIsNotATimeIsAnError(text: String) throws {
    let error = try #require(throws: ConfigurationError.self) {
      try ClusterConfigurationFile.parse(text, path: "cluster.toml")
    }
    #expect(error.description.contains("must be followed by a time"), "\(error)")
  }

  @Test func datesAndTimesStillParse() throws {
    let text = "[cluster]\nname = \"1979-05-27T07:32:00\"\n[thresholds]\nfreeze_timeout = \"600s\"\n"
    #expect(try ClusterConfigurationFile.parse(text, path: "c.toml").clusterName == "1979-05-27T07:32:00")
  }

  @Test func anEmptyHeaderIsTomlsOwnError() throws {
    let error = try #require(throws: ConfigurationError.self) {
      try ClusterConfigurationFile.parse("[]\n", path: "c.toml")
    }
    #expect(!error.description.contains("a table header must begin"))
  }
}
