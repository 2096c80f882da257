import Foundation
import LogParsing

/// A backup-related event read from one server's log, with where it was read and what it says.
///
/// A value with one shared, copy-on-write box behind it: an audit of years of history holds
/// each event in its server's list, in its episode's steps and in the episode's time-ordered
/// list, and every one of those copies is a reference, not the event's two hundred bytes again.
/// The fields few kinds carry (a checkpoint number, a journal file, a reason…) sit in a second
/// box that most events do not have.
public struct BackupEvent: Sendable, Equatable, Codable {
  private var storage: Storage

  public var server: String {
    get { storage.server }
    set { unique().server = newValue }
  }
  public var path: String {
    get { storage.path }
    set { unique().path = newValue }
  }
  /// 1-based number of the entry's first line in `path`.
  public var line: Int {
    get { storage.line }
    set { unique().line = newValue }
  }
  /// The instant, in milliseconds since the epoch.
  public var epochMilliseconds: Int64 {
    get { storage.epochMilliseconds }
    set { unique().epochMilliseconds = newValue }
  }
  /// The wall-clock time as written in the log.
  public var localTime: LocalTimestamp {
    get { storage.localTime }
    set { unique().localTime = newValue }
  }
  /// Whether the wall-clock time was ambiguous or skipped by a DST change.
  public var timeStatus: LocalTimeStatus {
    get { storage.timeStatus }
    set { unique().timeStatus = newValue }
  }
  public var pid: Int? {
    get { storage.pid }
    set { unique().pid = newValue }
  }
  public var severity: Int? {
    get { storage.severity }
    set { unique().severity = newValue }
  }
  public var category: String? {
    get { storage.category }
    set { unique().category = newValue }
  }
  public var kind: EventKind {
    get { storage.kind }
    set { unique().kind = newValue }
  }
  /// The entry's first line as written (invalid UTF-8 replaced), for evidence.
  public var text: String {
    get { storage.text }
    set { unique().text = newValue }
  }
  /// The checkpoint number of a `journal-checkpoint`.
  public var checkpoint: Int? {
    get { storage.rare?.checkpoint }
    set { changeRare { $0.checkpoint = newValue } }
  }
  /// The journal file named by a switch, a freeze or a checkpoint.
  public var journalFile: String? {
    get { storage.rare?.journalFile }
    set { changeRare { $0.journalFile = newValue } }
  }
  /// The database folder of an `unjournaled-database` warning.
  public var directory: String? {
    get { storage.rare?.directory }
    set { changeRare { $0.directory = newValue } }
  }
  /// The number of databases of an `unjournaled-summary` warning.
  public var count: Int? {
    get { storage.rare?.count }
    set { changeRare { $0.count = newValue } }
  }
  /// The reason or activities a failure or timeout gives; an `unrecognised` message's text.
  public var reason: String? {
    get { storage.rare?.reason }
    set { changeRare { $0.reason = newValue } }
  }
  /// The UTC instant an `instance-start` states (milliseconds since the epoch).
  public var statedUTC: Int64? {
    get { storage.rare?.statedUTC }
    set { changeRare { $0.statedUTC = newValue } }
  }
  /// The class and method of an `unrecognised` message: `General.ExternalThaw`.
  public var method: String? {
    get { storage.rare?.method }
    set { changeRare { $0.method = newValue } }
  }

  /// Creates an event.
  public init(
    server: String, path: String, line: Int, epochMilliseconds: Int64, localTime: LocalTimestamp,
    timeStatus: LocalTimeStatus = .exact, pid: Int?, severity: Int?, category: String?,
    kind: EventKind, checkpoint: Int? = nil, journalFile: String? = nil, directory: String? = nil,
    count: Int? = nil, reason: String? = nil, statedUTC: Int64? = nil, method: String? = nil,
    text: String
  ) {
    let rare = RareFields(
      checkpoint: checkpoint, journalFile: journalFile, directory: directory, count: count,
      reason: reason, statedUTC: statedUTC, method: method)
    storage = Storage(
      server: server, path: path, line: line, epochMilliseconds: epochMilliseconds,
      localTime: localTime, timeStatus: timeStatus, pid: pid, severity: severity,
      category: category, kind: kind, text: text, rare: rare.isEmpty ? nil : rare)
  }

  public static func == (left: BackupEvent, right: BackupEvent) -> Bool {
    left.storage === right.storage || left.storage.fields == right.storage.fields
  }

  // MARK: the boxes

  /// The fields few kinds of event carry; immutable, replaced whole when one changes.
  private struct RareFields: Equatable {
    var checkpoint: Int?
    var journalFile: String?
    var directory: String?
    var count: Int?
    var reason: String?
    var statedUTC: Int64?
    var method: String?
    /// A wall time, pid or severity too wide for the storage's compact fields.
    var wideTime: LocalTimestamp?
    var widePid: Int?
    var wideSeverity: Int?

    var isEmpty: Bool { self == RareFields() }
  }

  /// A wall time in 52 bits: year 16, month 4, day 5, hour 5, minute 6, second 6, millisecond
  /// 10; fields outside those ranges do not pack.
  private enum PackedTime {
    /// Marks a time kept in the rare box; no packed time has its top bit set.
    static let elsewhere = UInt64.max

    static func pack(_ time: LocalTimestamp) -> UInt64? {
      var packed: UInt64 = 0
      func append(_ value: Int, _ bits: Int) -> Bool {
        guard value >= 0, value < 1 << bits else { return false }
        packed = packed << UInt64(bits) | UInt64(value)
        return true
      }
      guard append(time.year, 16), append(time.month, 4), append(time.day, 5),
        append(time.hour, 5), append(time.minute, 6), append(time.second, 6),
        append(time.millisecond, 10)
      else { return nil }
      return packed
    }

    static func unpack(_ packed: UInt64) -> LocalTimestamp {
      func field(_ shift: UInt64, _ bits: UInt64) -> Int { Int(packed >> shift & (1 << bits - 1)) }
      return LocalTimestamp(
        year: field(36, 16), month: field(32, 4), day: field(27, 5), hour: field(22, 5),
        minute: field(16, 6), second: field(10, 6), millisecond: field(0, 10))
    }
  }

  private final class RareBox: @unchecked Sendable {
    let fields: RareFields
    init(_ fields: RareFields) { self.fields = fields }
  }

  /// The event's fields; shared by copies until one of them changes (copy on write).
  ///
  /// The wall time, the pid and the severity are stored in 13 bytes rather than 88 when they
  /// fit, as every value a log can hold does; a value that does not (a test's year 70000) goes
  /// whole to the rare box, so nothing is ever lost.
  private final class Storage: @unchecked Sendable {
    var server: String
    var path: String
    var line: Int
    var epochMilliseconds: Int64
    var category: String? {
      get { storedCategory }
      set {
        expandText()
        storedCategory = newValue
      }
    }
    private var storedCategory: String?
    var rareBox: RareBox?
    /// The text, or only its message when `isHeaderDerived` (see `text`).
    private var textTail: String
    /// True when the text is an IRIS header made of this event's own fields, then `textTail`.
    private var isHeaderDerived = false
    /// `PackedTime`, or `PackedTime.elsewhere` when the time is in the rare box.
    private var packedTime: UInt64
    /// The pid, or `Int32.min` for none or one in the rare box.
    private var packedPid: Int32
    /// The severity, or `Int8.min` for none or one in the rare box.
    private var packedSeverity: Int8
    var timeStatus: LocalTimeStatus
    var kind: EventKind

    var rare: RareFields? { rareBox?.fields }

    /// The entry's first line. Most are an IRIS header that the event's own time, pid,
    /// severity and category spell exactly, then a message many events share word for word: so
    /// the text is kept as its message alone (`compactText`), and the header written again
    /// when the text is asked for, which the evidence of a finding alone does.
    var text: String {
      get { isHeaderDerived ? headerText + textTail : textTail }
      set {
        textTail = newValue
        isHeaderDerived = false
      }
    }

    /// Keeps the text as its message when the header is this event's own fields.
    func compactText(sharing messages: EventTextTable) {
      guard !isHeaderDerived else { return }
      let header = headerText
      guard !header.isEmpty, textTail.utf8.count > header.utf8.count,
        textTail.utf8.starts(with: header.utf8)
      else { return }
      // The header is ASCII: the message starts on a character.
      textTail = messages.shared(Substring(textTail.utf8.dropFirst(header.utf8.count)))
      isHeaderDerived = true
    }

    private var headerText: String {
      IRISHeader.text(time: localTime, pid: pid, severity: severity, category: category)
    }

    /// Makes the text whole again before a field its header is written from changes.
    private func expandText() {
      guard isHeaderDerived else { return }
      textTail = headerText + textTail
      isHeaderDerived = false
    }

    var localTime: LocalTimestamp {
      get { packedTime == PackedTime.elsewhere ? rare!.wideTime! : PackedTime.unpack(packedTime) }
      set {
        expandText()
        if let packed = PackedTime.pack(newValue) {
          packedTime = packed
          changeRare { $0.wideTime = nil }
        } else {
          packedTime = PackedTime.elsewhere
          changeRare { $0.wideTime = newValue }
        }
      }
    }

    var pid: Int? {
      get { packedPid != .min ? Int(packedPid) : rare?.widePid }
      set {
        expandText()
        if let newValue, let narrow = Int32(exactly: newValue), narrow != .min {
          packedPid = narrow
          changeRare { $0.widePid = nil }
        } else {
          packedPid = .min
          changeRare { $0.widePid = newValue }
        }
      }
    }

    var severity: Int? {
      get { packedSeverity != .min ? Int(packedSeverity) : rare?.wideSeverity }
      set {
        expandText()
        if let newValue, let narrow = Int8(exactly: newValue), narrow != .min {
          packedSeverity = narrow
          changeRare { $0.wideSeverity = nil }
        } else {
          packedSeverity = .min
          changeRare { $0.wideSeverity = newValue }
        }
      }
    }

    /// Replaces the rare box with `change` applied; none when nothing rare is left.
    func changeRare(_ change: (inout RareFields) -> Void) {
      var fields = rare ?? RareFields()
      change(&fields)
      if fields != rare ?? RareFields() {
        rareBox = fields.isEmpty ? nil : RareBox(fields)
      }
    }

    init(
      server: String, path: String, line: Int, epochMilliseconds: Int64,
      localTime: LocalTimestamp, timeStatus: LocalTimeStatus, pid: Int?, severity: Int?,
      category: String?, kind: EventKind, text: String, rare: RareFields?
    ) {
      self.server = server
      self.path = path
      self.line = line
      self.epochMilliseconds = epochMilliseconds
      self.timeStatus = timeStatus
      storedCategory = category
      self.kind = kind
      textTail = text
      rareBox = rare.map(RareBox.init)
      packedTime = 0
      packedPid = .min
      packedSeverity = .min
      self.localTime = localTime
      self.pid = pid
      self.severity = severity
    }

    func copy() -> Storage {
      let copy = Storage(
        server: server, path: path, line: line, epochMilliseconds: epochMilliseconds,
        localTime: localTime, timeStatus: timeStatus, pid: pid, severity: severity,
        category: category, kind: kind, text: textTail, rare: rare)
      // The text stays compact: the copy has the same header fields.
      copy.isHeaderDerived = isHeaderDerived
      return copy
    }

    /// Every field, for equality and coding.
    var fields: Coded {
      Coded(
        server: server, path: path, line: line, epochMilliseconds: epochMilliseconds,
        localTime: localTime, timeStatus: timeStatus, pid: pid, severity: severity,
        category: category, kind: kind, checkpoint: rare?.checkpoint,
        journalFile: rare?.journalFile, directory: rare?.directory, count: rare?.count,
        reason: rare?.reason, statedUTC: rare?.statedUTC, method: rare?.method, text: text)
    }
  }

  /// Keeps the text in less memory when it is an IRIS header of the event's own fields and a
  /// message (shared through `messages` with the other events of the table): `text` is
  /// unchanged, byte for byte.
  public mutating func compactText(sharing messages: EventTextTable) {
    unique().compactText(sharing: messages)
  }

  /// The storage, copied first when another event shares it.
  private mutating func unique() -> Storage {
    if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
    return storage
  }

  private mutating func changeRare(_ change: (inout RareFields) -> Void) {
    unique().changeRare(change)
  }

  // MARK: coding, as the plain struct of every field was coded

  private struct Coded: Codable, Equatable {
    var server: String
    var path: String
    var line: Int
    var epochMilliseconds: Int64
    var localTime: LocalTimestamp
    var timeStatus: LocalTimeStatus
    var pid: Int?
    var severity: Int?
    var category: String?
    var kind: EventKind
    var checkpoint: Int?
    var journalFile: String?
    var directory: String?
    var count: Int?
    var reason: String?
    var statedUTC: Int64?
    var method: String?
    var text: String
  }

  public init(from decoder: Decoder) throws {
    let coded = try Coded(from: decoder)
    self.init(
      server: coded.server, path: coded.path, line: coded.line,
      epochMilliseconds: coded.epochMilliseconds, localTime: coded.localTime,
      timeStatus: coded.timeStatus, pid: coded.pid, severity: coded.severity,
      category: coded.category, kind: coded.kind, checkpoint: coded.checkpoint,
      journalFile: coded.journalFile, directory: coded.directory, count: coded.count,
      reason: coded.reason, statedUTC: coded.statedUTC, method: coded.method, text: coded.text)
  }

  public func encode(to encoder: Encoder) throws {
    try storage.fields.encode(to: encoder)
  }
}
