import LogParsing

/// The header of an IRIS `messages.log` entry as IRIS writes it, from its fields:
/// `MM/DD/YY-HH:MM:SS:mmm (pid) severity [category] `.
///
/// Used only to keep event texts compactly: a text is kept as its message alone when this
/// header, written from the event's own fields, is exactly its beginning, so the text comes
/// back byte for byte (`BackupEventTests`).
enum IRISHeader {
  /// The header of an entry with these fields; empty when one is missing or does not fit it.
  static func text(time: LocalTimestamp, pid: Int?, severity: Int?, category: String?) -> String {
    guard let pid, let severity, let category, pid >= 0, severity >= 0,
      (0...99).contains(time.month), (0...99).contains(time.day), (0...99).contains(time.hour),
      (0...99).contains(time.minute), (0...99).contains(time.second),
      (0...999).contains(time.millisecond), time.year >= 0
    else { return "" }
    var bytes: [UInt8] = []
    bytes.reserveCapacity(48 + category.utf8.count)
    func two(_ value: Int) {
      bytes.append(0x30 + UInt8(value / 10))
      bytes.append(0x30 + UInt8(value % 10))
    }
    two(time.month)
    bytes.append(0x2F)
    two(time.day)
    bytes.append(0x2F)
    two(time.year % 100)
    bytes.append(0x2D)
    two(time.hour)
    bytes.append(0x3A)
    two(time.minute)
    bytes.append(0x3A)
    two(time.second)
    bytes.append(0x3A)
    bytes.append(0x30 + UInt8(time.millisecond / 100))
    two(time.millisecond % 100)
    bytes += Array(" (\(pid)) \(severity) [".utf8)
    bytes += Array(category.utf8)
    bytes += Array("] ".utf8)
    return String(decoding: bytes, as: UTF8.self)
  }
}
