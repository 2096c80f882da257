/// What one line is, read from its bytes without allocating.
public enum LineKind: Equatable {
  /// The first line of a timestamped entry (IRIS, Caché or legacy layout).
  case entry(EntryHeader)
  /// The first line of a `*** Recovery started at` block.
  case recovery(LocalTimestamp)
  /// A line shaped like a timestamped entry whose date or time cannot exist (13/45/26-…).
  case impossibleTimestamp
  /// Anything else: a continuation, a structured-log line, or junk; the scanner decides.
  case other
}

/// Recognises the timestamped layouts and the recovery block (SPEC §3.1).
public enum LineClassifier {
  /// Classifies `line`.
  public static func classify(_ line: UnsafeRawBufferPointer) -> LineKind {
    guard let first = line.first else { return .other }
    if isDigit(first) { return classifyTimestamped(line) }
    if first == UInt8(ascii: "*") { return classifyRecovery(line) }
    return .other
  }

  /// `MM/DD/YY-HH:MM:SS:mmm` (21 bytes) or the legacy `MM/DD-HH:MM:SS:mmm` (18 bytes).
  static func classifyTimestamped(_ line: UnsafeRawBufferPointer) -> LineKind {
    let slash = UInt8(ascii: "/")
    let dash = UInt8(ascii: "-")
    let colon = UInt8(ascii: ":")
    let hasYear: Bool
    if line.count >= 21 && line[5] == slash && line[8] == dash {
      hasYear = true
    } else if line.count >= 18 && line[5] == dash {
      hasYear = false
    } else {
      return .other
    }
    // Offsets of hour, minute, second and millisecond after the date part.
    let clock = hasYear ? 9 : 6
    guard line[2] == slash, line[clock + 2] == colon, line[clock + 5] == colon,
      line[clock + 8] == colon,
      let month = twoDigits(line, 0), let day = twoDigits(line, 3),
      let hour = twoDigits(line, clock), let minute = twoDigits(line, clock + 3),
      let second = twoDigits(line, clock + 6), let centiseconds = twoDigits(line, clock + 9),
      isDigit(line[clock + 11])
    else { return .other }
    let length = clock + 12
    if line.count > length && isDigit(line[length]) { return .other }
    var year = 0
    if hasYear {
      guard let shortYear = twoDigits(line, 6) else { return .other }
      year = 2000 + shortYear
    }
    var timestamp = LocalTimestamp(
      year: hasYear ? year : 2000, month: month, day: day, hour: hour, minute: minute,
      second: second, millisecond: centiseconds * 10 + Int(line[clock + 11] - 0x30))
    // 2000 is a leap year, so a legacy 02/29 passes here; the scanner re-checks with the real year.
    guard timestamp.isValid else { return .impossibleTimestamp }
    if !hasYear { timestamp.year = 0 }
    return .entry(header(line, after: length, timestamp: timestamp, hasYear: hasYear))
  }

  /// Reads ` (pid) sev [Category] ` after the timestamp; every part is optional but in order.
  static func header(
    _ line: UnsafeRawBufferPointer, after start: Int, timestamp: LocalTimestamp, hasYear: Bool
  ) -> EntryHeader {
    var position = start
    var pid: Int?
    var severity: Int?
    var category: Range<Int>?
    let count = line.count
    func skipSpace() { if position < count && line[position] == 0x20 { position += 1 } }
    skipSpace()
    if position < count && line[position] == UInt8(ascii: "(") {
      var cursor = position + 1
      while cursor < count && line[cursor] == 0x20 { cursor += 1 }
      var value = 0
      var digits = 0
      while cursor < count && isDigit(line[cursor]) && digits < 10 {
        value = value * 10 + Int(line[cursor] - 0x30)
        digits += 1
        cursor += 1
      }
      if digits > 0 && cursor < count && line[cursor] == UInt8(ascii: ")") {
        pid = value
        position = cursor + 1
        skipSpace()
      }
    }
    if hasYear && position < count && (0x30...0x33).contains(line[position])
      && (position + 1 == count || line[position + 1] == 0x20)
    {
      severity = Int(line[position] - 0x30)
      position += 1
      skipSpace()
      if position < count && line[position] == UInt8(ascii: "[") {
        let limit = min(count, position + 80)
        var cursor = position + 1
        while cursor < limit && line[cursor] != UInt8(ascii: "]") { cursor += 1 }
        if cursor < limit && cursor + 1 <= count
          && (cursor + 1 == count || line[cursor + 1] == 0x20)
        {
          category = (position + 1)..<cursor
          position = cursor + 1
          skipSpace()
        }
      }
    }
    let layout: EntryLayout = !hasYear ? .legacy : (category == nil ? .irisWithoutCategory : .iris)
    return EntryHeader(
      layout: layout, timestamp: timestamp, pid: pid, severity: severity, category: category,
      messageStart: position)
  }

  /// `*** Recovery started at Wed Aug 11 06:12:30 2021` (asctime; the day may be space-padded).
  static func classifyRecovery(_ line: UnsafeRawBufferPointer) -> LineKind {
    let prefix = Array("*** Recovery started at ".utf8)
    guard line.count >= prefix.count, line.starts(with: prefix) else { return .other }
    let rest = String(decoding: line[prefix.count...], as: UTF8.self)
    let words = rest.split(separator: " ", omittingEmptySubsequences: true)
    guard words.count >= 5, let month = monthNumber(words[1]), let day = Int(words[2]),
      let year = Int(words[4])
    else { return .impossibleTimestamp }
    let clock = words[3].split(separator: ":")
    guard clock.count == 3, let hour = Int(clock[0]), let minute = Int(clock[1]),
      let second = Int(clock[2])
    else { return .impossibleTimestamp }
    let time = LocalTimestamp(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    return time.isValid ? .recovery(time) : .impossibleTimestamp
  }

  /// 1...12 for an English month abbreviation.
  static func monthNumber(_ name: Substring) -> Int? {
    let names = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
    return names.firstIndex(of: String(name.prefix(3))).map { $0 + 1 }
  }

  @inline(__always) static func isDigit(_ byte: UInt8) -> Bool { byte &- 0x30 < 10 }

  @inline(__always) static func twoDigits(_ line: UnsafeRawBufferPointer, _ offset: Int) -> Int? {
    let tens = line[offset] &- 0x30
    let ones = line[offset + 1] &- 0x30
    guard tens < 10, ones < 10 else { return nil }
    return Int(tens) * 10 + Int(ones)
  }
}
