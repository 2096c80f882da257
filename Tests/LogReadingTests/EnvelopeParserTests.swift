import LogReading
import Testing

/// The transports of SPEC §3.1, one line each, as their writers print them.
struct EnvelopeParserTests {
  static let iris = "08/11/21-05:49:43:233 (18374) 0 [Utility.Event] Backup.General.ExternalFreeze: Suspending system"

  /// The name and the content `line` gives in `transport`, as text; nil when it is not in form.
  static func parse(_ line: String, _ transport: Envelope.Transport) -> (name: String?, content: String, partial: Bool)? {
    let bytes = Array(line.utf8)
    return bytes.withUnsafeBytes { raw in
      guard let fields = EnvelopeParser.parse(raw, transport) else { return nil }
      let name = fields.name.map { String(decoding: bytes[$0], as: UTF8.self) }
      return (name, String(decoding: bytes[fields.content], as: UTF8.self), fields.isPartial)
    }
  }

  @Test(arguments: [
    ("data-shard1  | \(iris)", Envelope.Transport.compose, "data-shard1"),
    ("data-shard1  | 2021-08-11T05:49:43.233512345Z \(iris)", .compose, "data-shard1"),
    ("Aug 11 05:49:43 data-shard1 iris: \(iris)", .syslog, "data-shard1"),
    ("Aug  1 05:49:43 data-shard1 iris[4711]: \(iris)", .syslog, "data-shard1"),
    ("<14>Aug 11 05:49:43 data-shard1 iris: \(iris)", .syslog, "data-shard1"),
    ("2021-08-11T05:49:43.233512+02:00 data-shard1 iris: \(iris)", .syslog, "data-shard1"),
    ("<14>1 2021-08-11T05:49:43.233Z data-shard1 iris - - - \(iris)", .syslog5424, "data-shard1"),
    ("<134>1 2021-08-11T05:49:43Z h iris 42 ID47 [ex@32473 a=\"x\\]y\"] \(iris)", .syslog5424, "h"),
    ("<134>1 2021-08-11T05:49:43Z h iris - - - \u{FEFF}\(iris)", .syslog5424, "h"),
  ])
  func namingTransportsGiveTheServerAndTheIRISLine(line: String, transport: Envelope.Transport, name: String) {
    let parsed = Self.parse(line, transport)
    #expect(parsed?.name == name)
    #expect(parsed?.content == Self.iris)
  }

  @Test func criKeepsTheStreamAndThePartFlag() {
    let full = Self.parse("2021-08-11T05:49:43.233512345Z stdout F \(Self.iris)", .cri)
    #expect(full?.content == Self.iris)
    #expect(full?.partial == false)
    let part = Self.parse("2021-08-11T05:49:43.233512345Z stderr P  leading space kept", .cri)
    #expect(part?.content == " leading space kept")
    #expect(part?.partial == true)
    #expect(Self.parse("2021-08-11T05:49:43.233512345Z stdout F", .cri)?.content == "")
  }

  @Test(arguments: [
    ("08/11/21-05:49:43:233 (18374) 0 [Utility.Event] x | y", Envelope.Transport.compose),
    ("| no name", .compose),
    ("2021-08-11T05:49:43Z stdin F x", .cri),
    ("2021-08-11 stdout F x", .cri),
    ("Aug 11 05:49 host iris: x", .syslog),
    ("<14>2 2021-08-11T05:49:43Z h a - - - x", .syslog5424),
    ("<14>1 2021-08-11T05:49:43Z h a - - [unclosed x", .syslog5424),
    ("{\"log\":\"x\"", .dockerJSON),
    ("{\"stream\":\"stdout\"}", .dockerJSON),
  ])
  func linesNotInTheFormAreRefused(line: String, transport: Envelope.Transport) {
    #expect(Self.parse(line, transport) == nil)
  }

  @Test func irisMainPrefixEndsAfterLog() {
    for (line, end) in [("[INFO] log: x", 12), ("[WARN] log: x", 12), ("[INFO] log:", 11)] {
      #expect(Array(line.utf8).withUnsafeBytes { EnvelopeParser.irisMainPrefixEnd($0) } == end)
    }
    for line in ["[INFO] Starting Control Process", "INFO] log: x", "[info] log: x", "[] log: x"] {
      #expect(Array(line.utf8).withUnsafeBytes { EnvelopeParser.irisMainPrefixEnd($0) } == nil)
    }
  }

  @Test(arguments: ["plain", "iris-main", "compose", "cri+iris-main", "docker-json", "syslog-5424"])
  func envelopeNamesReadBack(name: String) {
    #expect(Envelope(name: name)?.description == name)
  }

  @Test(arguments: ["", "none", "cri+", "iris-main+iris-main", "plain+iris-main", "CRI"])
  func unknownEnvelopeNamesAreRefused(name: String) {
    #expect(Envelope(name: name) == nil)
  }
}
