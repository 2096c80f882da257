/// Reading a configuration back from its options, so a corpus can be regenerated from the
/// command line recorded in its `cluster.toml` (the samples' test does exactly that).
extension SimulationConfiguration {
  /// Parses the options `arguments` writes (`--seed 7 --servers 4 …`); throws on anything
  /// else. The `simulate` command itself parses with swift-argument-parser.
  public init(arguments: [String]) throws(SimulationError) {
    self.init()
    var index = 0
    func value(_ flag: String) throws(SimulationError) -> String {
      index += 1
      guard index < arguments.count else { throw .invalidConfiguration("\(flag) needs a value") }
      return arguments[index]
    }
    func integer(_ flag: String) throws(SimulationError) -> Int {
      guard let number = Int(try value(flag)) else {
        throw .invalidConfiguration("\(flag) needs a whole number")
      }
      return number
    }
    func list(_ text: String) -> [String] { text.split(separator: ",").map(String.init) }
    while index < arguments.count {
      let flag = arguments[index]
      switch flag {
      case "--seed":
        guard let seed = UInt64(try value(flag)) else { throw .invalidConfiguration("bad --seed") }
        self.seed = seed
      case "--servers": serverCount = try integer(flag)
      case "--days": days = try integer(flag)
      case "--noise-per-hour": noisePerHour = try integer(flag)
      case "--skew-ms": skewMilliseconds = try integer(flag)
      case "--rotate-bytes": rotateBytes = try integer(flag)
      case "--gzip-rotated": gzipRotated = true
      case "--restore-test": restoreTest = true
      case "--fault-rate":
        guard let rate = Double(try value(flag)) else {
          throw .invalidConfiguration("bad --fault-rate")
        }
        faultRate = rate
      case "--start":
        guard let date = CivilDate(parsing: try value(flag)) else {
          throw .invalidConfiguration("--start must be a date like 2021-08-05")
        }
        start = date
      case "--timezone": timeZones = list(try value(flag))
      case "--faults":
        var parsed: [FaultKind] = []
        for name in list(try value(flag)) {
          guard let fault = FaultKind(rawValue: name) else {
            throw .invalidConfiguration("unknown fault \(name)")
          }
          parsed.append(fault)
        }
        faults = parsed
      case "--layouts":
        var parsed: [LogLayout] = []
        for name in list(try value(flag)) {
          guard let layout = LogLayout(rawValue: name) else {
            throw .invalidConfiguration("unknown layout \(name)")
          }
          parsed.append(layout)
        }
        layouts = parsed
      case "--approaches":
        var parsed: [BackupApproach] = []
        for name in list(try value(flag)) {
          guard let approach = BackupApproach(rawValue: name) else {
            throw .invalidConfiguration("unknown approach \(name)")
          }
          parsed.append(approach)
        }
        approaches = parsed
      default:
        throw .invalidConfiguration("unknown option \(flag)")
      }
      index += 1
    }
  }
}
