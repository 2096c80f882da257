/// How a server writes its log (SPEC §3.1).
public enum LogLayout: String, Sendable, Equatable, Hashable, Codable, CaseIterable {
  /// `08/11/21-05:49:43:233 (18374) 0 [Utility.Event] text` in `messages.log`.
  case iris
  /// Caché: the same without the `[Category]`, in `cconsole.log`.
  case cache
  /// The structured log as name/value pairs: `when="…" pid=… level=… event=… text="…"`.
  case structuredPairs = "structured-pairs"
  /// The structured log as JSON: `{ "when": "…", "pid": "…", "level": "…", … }`.
  case structuredJSON = "structured-json"

  /// The current log's file name; rotated files replace `.log` by `.old_<date>`.
  var fileName: String { self == .cache ? "cconsole.log" : "messages.log" }
  var rotatedPrefix: String { self == .cache ? "cconsole.old_" : "messages.old_" }
  var isStructured: Bool { self == .structuredPairs || self == .structuredJSON }

  /// The structured log's level names, by severity.
  static let levels: [[UInt8]] = ["INFO", "WARNING", "SEVERE", "FATAL"].map { Array($0.utf8) }
}

/// Formats the parts of one entry in a layout onto a `ByteSink`: the header up to the
/// message, the message (escaped for the structured forms), and the end of the entry.
struct EntryFormatter {
  let sink: ByteSink
  let layout: LogLayout
  private var cachedDay: Int64 = .min
  private var datePrefix: [UInt8] = []

  init(sink: ByteSink, layout: LogLayout) {
    self.sink = sink
    self.layout = layout
  }

  /// Everything before the message; `category` is the bare name (`Utility.Event`).
  mutating func begin(local: Int64, pid: Int, severity: Int, category: [UInt8]?, hasText: Bool) {
    switch layout {
    case .iris, .cache:
      writeClassicTimestamp(local)
      sink.append(Bytes.openPid)
      sink.appendDecimal(pid)
      sink.append(Bytes.closePid)
      sink.appendDecimal(severity)
      sink.append(UInt8(ascii: " "))
      if layout == .iris, let category {
        sink.append(UInt8(ascii: "["))
        sink.append(category)
        sink.append(UInt8(ascii: "]"))
        if hasText { sink.append(UInt8(ascii: " ")) }
      }
    case .structuredPairs:
      sink.append(Bytes.pairsWhen)
      writeStructuredTimestamp(local)
      sink.append(Bytes.pairsPid)
      sink.appendDecimal(pid)
      sink.append(Bytes.pairsLevel)
      sink.append(LogLayout.levels[min(max(severity, 0), 3)])
      if let category {
        sink.append(Bytes.pairsEvent)
        sink.append(category)
        sink.append(UInt8(ascii: "\""))
      }
      sink.append(Bytes.pairsText)
    case .structuredJSON:
      sink.append(Bytes.jsonWhen)
      writeStructuredTimestamp(local)
      sink.append(Bytes.jsonPid)
      sink.appendDecimal(pid)
      sink.append(Bytes.jsonLevel)
      sink.append(LogLayout.levels[min(max(severity, 0), 3)])
      if let category {
        sink.append(Bytes.jsonEvent)
        sink.append(category)
      }
      sink.append(Bytes.jsonText)
    }
  }

  /// Message text: as it is in the classic layouts, escaped in the structured ones.
  func text(_ text: String) {
    guard layout.isStructured else {
      sink.append(text)
      return
    }
    for byte in text.utf8 {
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"):
        sink.append(UInt8(ascii: "\\"))
        sink.append(byte)
      case 0x0A:
        sink.append(UInt8(ascii: "\\"))
        sink.append(UInt8(ascii: "n"))
      default:
        sink.append(byte)
      }
    }
  }

  /// A continuation line: a new line in the classic layouts, an escaped newline otherwise.
  func continuation(_ line: String, first: Bool) {
    if layout.isStructured {
      if !first { text("\n") }
    } else {
      sink.append(UInt8(ascii: "\n"))
    }
    text(line)
  }

  /// Closes the entry.
  func end() {
    switch layout {
    case .iris, .cache: sink.append(UInt8(ascii: "\n"))
    case .structuredPairs: sink.append(Bytes.pairsEnd)
    case .structuredJSON: sink.append(Bytes.jsonEnd)
    }
  }

  /// `MM/DD/YY-HH:MM:SS:mmm`.
  private mutating func writeClassicTimestamp(_ local: Int64) {
    let day = TimeText.floorDivide(local, 86_400_000)
    if day != cachedDay {
      cachedDay = day
      let date = CivilDate(daysSinceEpoch: Int(day))
      datePrefix = Array(
        "\(TimeText.pad(date.month, 2))/\(TimeText.pad(date.day, 2))/\(TimeText.pad(date.year % 100, 2))-"
          .utf8)
    }
    sink.append(datePrefix)
    writeClock(Int(local - day * 86_400_000), separator: UInt8(ascii: ":"))
  }

  /// `YYYY-MM-DD HH:MM:SS.mmm`.
  private mutating func writeStructuredTimestamp(_ local: Int64) {
    let day = TimeText.floorDivide(local, 86_400_000)
    if day != cachedDay {
      cachedDay = day
      datePrefix = Array((CivilDate(daysSinceEpoch: Int(day)).isoText + " ").utf8)
    }
    sink.append(datePrefix)
    writeClock(Int(local - day * 86_400_000), separator: UInt8(ascii: "."))
  }

  private func writeClock(_ inDay: Int, separator: UInt8) {
    sink.appendDecimal(inDay / 3_600_000, width: 2)
    sink.append(UInt8(ascii: ":"))
    sink.appendDecimal(inDay / 60_000 % 60, width: 2)
    sink.append(UInt8(ascii: ":"))
    sink.appendDecimal(inDay / 1000 % 60, width: 2)
    sink.append(separator)
    sink.appendDecimal(inDay % 1000, width: 3)
  }
}

/// The fixed pieces of the layouts, encoded once.
private enum Bytes {
  static let openPid = Array(" (".utf8)
  static let closePid = Array(") ".utf8)
  static let pairsWhen = Array("when=\"".utf8)
  static let pairsPid = Array("\" pid=".utf8)
  static let pairsLevel = Array(" level=".utf8)
  static let pairsEvent = Array(" event=\"".utf8)
  static let pairsText = Array(" text=\"".utf8)
  static let jsonWhen = Array("{ \"when\": \"".utf8)
  static let jsonPid = Array("\", \"pid\": \"".utf8)
  static let jsonLevel = Array("\", \"level\": \"".utf8)
  static let jsonEvent = Array("\", \"event\": \"".utf8)
  static let jsonText = Array("\", \"text\": \"".utf8)
  static let pairsEnd = Array("\"\n".utf8)
  static let jsonEnd = Array("\"}\n".utf8)
}
