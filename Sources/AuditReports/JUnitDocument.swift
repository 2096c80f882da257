import XMLCoder

/// The JUnit XML document as XMLCoder encodes it: `<testsuites>` with one `<testsuite>` per
/// suite, `<properties>`, and `<testcase>` elements holding at most one `<failure>`, `<error>`
/// or `<skipped>`. The attribute names are the ones Jenkins, GitLab and Surefire read.
///
/// Every string in it must already be `MarkupEscaping.visible(_:)`: XMLCoder escapes `&`, `<`,
/// `>` and quotes, but not the control characters XML 1.0 cannot carry.
struct JUnitDocument: Encodable, DynamicNodeEncoding {
  let name: String
  let tests: Int
  let failures: Int
  let errors: Int
  let skipped: Int
  let testsuite: [JUnitSuite]

  init(name: String, suites: [JUnitSuite]) {
    self.name = name
    tests = suites.reduce(0) { $0 + $1.tests }
    failures = suites.reduce(0) { $0 + $1.failures }
    errors = suites.reduce(0) { $0 + $1.errors }
    skipped = suites.reduce(0) { $0 + $1.skipped }
    testsuite = suites
  }

  static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
    key.stringValue == "testsuite" ? .element : .attribute
  }
}

/// A `<testsuite>`: its counts always agree with its cases.
struct JUnitSuite: Encodable, DynamicNodeEncoding {
  let name: String
  /// When the suite's subject began (RFC 3339), and how long it lasted in seconds.
  let timestamp: String
  let time: Double?
  let properties: [JUnitProperty]
  let testcase: [JUnitCase]

  init(
    name: String, timestamp: String, time: Double?, properties: [JUnitProperty],
    cases: [JUnitCase]
  ) {
    self.name = name
    self.timestamp = timestamp
    self.time = time
    self.properties = properties
    testcase = cases
  }

  var tests: Int { testcase.count }
  var failures: Int { testcase.filter { $0.failure != nil }.count }
  var errors: Int { testcase.filter { $0.error != nil }.count }
  var skipped: Int { testcase.filter { $0.skipped != nil }.count }

  enum CodingKeys: String, CodingKey {
    case name, tests, failures, errors, skipped, timestamp, time, properties, testcase
  }

  func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: CodingKeys.self)
    try container.encode(name, forKey: .name)
    try container.encode(tests, forKey: .tests)
    try container.encode(failures, forKey: .failures)
    try container.encode(errors, forKey: .errors)
    try container.encode(skipped, forKey: .skipped)
    try container.encode(timestamp, forKey: .timestamp)
    try container.encodeIfPresent(time, forKey: .time)
    // XMLCoder writes an empty array as one empty element: leave empty lists out.
    if !properties.isEmpty {
      try container.encode(JUnitProperties(property: properties), forKey: .properties)
    }
    if !testcase.isEmpty { try container.encode(testcase, forKey: .testcase) }
  }

  static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
    switch key.stringValue {
    case CodingKeys.properties.stringValue, CodingKeys.testcase.stringValue: .element
    default: .attribute
    }
  }
}

/// A suite's `<properties>`.
struct JUnitProperties: Encodable {
  let property: [JUnitProperty]
}

/// A `<property name="…" value="…"/>` of a suite.
struct JUnitProperty: Encodable, DynamicNodeEncoding {
  let name: String
  let value: String

  static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding { .attribute }
}

/// A `<testcase>`: passed when it holds no outcome.
struct JUnitCase: Encodable, DynamicNodeEncoding {
  var name: String
  let classname: String
  var failure: JUnitOutcome?
  var error: JUnitOutcome?
  var skipped: JUnitOutcome?

  static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
    switch key.stringValue {
    case "name", "classname": .attribute
    default: .element
    }
  }
}

/// A `<failure>`, `<error>` or `<skipped>`: a one-line message, a type, and text.
struct JUnitOutcome: Encodable, DynamicNodeEncoding {
  let message: String
  let type: String?
  let text: String

  enum CodingKeys: String, CodingKey {
    case message, type
    // XMLCoder's key for an element's own text.
    case text = ""
  }

  static func nodeEncoding(for key: CodingKey) -> XMLEncoder.NodeEncoding {
    key.stringValue.isEmpty ? .element : .attribute
  }
}
