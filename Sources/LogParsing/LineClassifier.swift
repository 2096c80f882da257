#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

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

  /// The bytes of `MM/DD/YY-HH:MM:SS:mmm`: the date (8), the dash, the time (12).
  ///
  /// Invariant: a line `fullTimestamp` accepts starts with exactly these bytes, and the byte
  /// after them (if any) is no digit, so its header (` (pid) sev [Category] `) is read from
  /// this offset; the scanner's fast path relies on it to read a deferred header.
  static let fullTimestampLength = 8 + 1 + 12

  /// `MM/DD/YY-HH:MM:SS:mmm` (21 bytes) or the legacy `MM/DD-HH:MM:SS:mmm` (18 bytes).
  static func classifyTimestamped(_ line: UnsafeRawBufferPointer) -> LineKind {
    if let timestamp = fullTimestamp(line) {
      return .entry(header(line, after: fullTimestampLength, timestamp: timestamp, hasYear: true))
    }
    return classifyTimestampedSlowly(line)
  }

  /// The common case, a valid `MM/DD/YY-HH:MM:SS:mmm` not followed by a digit, checked eight
  /// bytes at a time; nil for anything else, which the general code then sorts out.
  @inline(__always)
  static func fullTimestamp(_ line: UnsafeRawBufferPointer) -> LocalTimestamp? {
    guard line.count >= fullTimestampLength, let base = line.baseAddress else { return nil }
    // Bytes 0-7 `MM/DD/YY` as a little-endian word with byte k at bits 8k, minus "0" in every
    // byte; the clock after it is `clock`'s.
    let date = base.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
    guard date & 0xff_0000_ff_0000 == 0x2f_0000_2f_0000 else { return nil }
    let dateDigits = date ^ zeros
    guard nonDigits(dateDigits) & 0x8080_0080_8000_8080 == 0,
      let clock = clock(base, count: line.count)
    else { return nil }
    let month = digit(dateDigits, 0) * 10 + digit(dateDigits, 1)
    let day = digit(dateDigits, 3) * 10 + digit(dateDigits, 4)
    let year = 2000 + digit(dateDigits, 6) * 10 + digit(dateDigits, 7)
    guard (1...12).contains(month), day >= 1,
      day <= 28 || day <= CivilCalendar.daysIn(month: month, year: year)
    else { return nil }
    return LocalTimestamp(
      year: year, month: month, day: day, hour: clock.hour, minute: clock.minute,
      second: clock.second, millisecond: clock.millisecond)
  }

  /// The milliseconds since midnight of a line that starts with the same eight date bytes as
  /// a line `fullTimestamp` accepted (`date`, their little-endian word): nil unless the rest
  /// of `MM/DD/YY-HH:MM:SS:mmm` is there, valid and not followed by a digit, exactly when
  /// `fullTimestamp` would accept the line.
  @inline(__always)
  static func clockMilliseconds(_ line: UnsafeRawBufferPointer, date: UInt64) -> Int64? {
    guard line.count >= fullTimestampLength, let base = line.baseAddress,
      base.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == date,
      let clock = clock(base, count: line.count)
    else { return nil }
    return Int64(((clock.hour * 60 + clock.minute) * 60 + clock.second) * 1000 + clock.millisecond)
  }

  /// The `-HH:MM:SS:mmm` of a full timestamp (bytes 8 to 20 of a line of `count` bytes, at
  /// least `fullTimestampLength`), checked eight bytes at a time, and no digit after it.
  @inline(__always)
  private static func clock(_ base: UnsafeRawPointer, count: Int)
    -> (hour: Int, minute: Int, second: Int, millisecond: Int)?
  {
    // Bytes 8-15 `-HH:MM:S` and 13-20 `M:SS:mmm`.
    let clock = base.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    let tail = base.loadUnaligned(fromByteOffset: 13, as: UInt64.self)
    guard clock & 0xff_0000_ff_0000_ff == 0x3a_0000_3a_0000_2d,
      tail & 0xff_0000_ff_00 == 0x3a_0000_3a_00
    else { return nil }
    let clockDigits = clock ^ zeros
    let tailDigits = tail ^ zeros
    guard nonDigits(clockDigits) & 0x8000_8080_0080_8000 == 0,
      nonDigits(tailDigits) & 0x8080_8000_8080_0080 == 0
    else { return nil }
    if count > fullTimestampLength
      && isDigit(base.load(fromByteOffset: fullTimestampLength, as: UInt8.self))
    {
      return nil
    }
    let hour = digit(clockDigits, 1) * 10 + digit(clockDigits, 2)
    let minute = digit(clockDigits, 4) * 10 + digit(clockDigits, 5)
    let second = digit(tailDigits, 2) * 10 + digit(tailDigits, 3)
    let millisecond =
      digit(tailDigits, 5) * 100 + digit(tailDigits, 6) * 10 + digit(tailDigits, 7)
    guard hour < 24, minute < 60, second <= 60 else { return nil }
    return (hour, minute, second, millisecond)
  }

  /// "0" in every byte of a word.
  private static let zeros: UInt64 = 0x3030_3030_3030_3030

  /// A byte below 10 stays below 0x80 when 0x76 is added to it (its top bit cleared first, so
  /// no carry crosses into the next byte); any other byte ends with its top bit set.
  @inline(__always)
  private static func nonDigits(_ word: UInt64) -> UInt64 {
    (((word & 0x7f7f_7f7f_7f7f_7f7f) &+ 0x7676_7676_7676_7676) | word)
  }

  /// Byte `index` of a word of digit values.
  @inline(__always)
  private static func digit(_ word: UInt64, _ index: UInt64) -> Int {
    Int(truncatingIfNeeded: (word >> (index &* 8)) & 0xFF)
  }

  /// Every timestamped layout, byte by byte.
  static func classifyTimestampedSlowly(_ line: UnsafeRawBufferPointer) -> LineKind {
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
    // Called only with the timestamp's bytes present, so `baseAddress` is set; every load below
    // is guarded by `< count`.
    let base = line.baseAddress!
    let count = line.count
    @inline(__always) func byte(_ offset: Int) -> UInt8 {
      base.load(fromByteOffset: offset, as: UInt8.self)
    }
    var position = start
    var pid: Int?
    var severity: Int?
    var category: Range<Int>?
    if position < count && byte(position) == 0x20 { position += 1 }
    if position < count && byte(position) == UInt8(ascii: "(") {
      var cursor = position + 1
      while cursor < count && byte(cursor) == 0x20 { cursor += 1 }
      var value = 0
      var digits = 0
      while cursor < count && digits < 10 {
        let digit = byte(cursor) &- 0x30
        guard digit < 10 else { break }
        value = value * 10 + Int(digit)
        digits += 1
        cursor += 1
      }
      if digits > 0 && cursor < count && byte(cursor) == UInt8(ascii: ")") {
        pid = value
        position = cursor + 1
        if position < count && byte(position) == 0x20 { position += 1 }
      }
    }
    if hasYear && position < count && byte(position) &- 0x30 < 4
      && (position + 1 == count || byte(position + 1) == 0x20)
    {
      severity = Int(byte(position) &- 0x30)
      position += 1
      if position < count && byte(position) == 0x20 { position += 1 }
      if position < count && byte(position) == UInt8(ascii: "[") {
        let limit = min(count, position + 80)
        var cursor = limit
        if position + 1 < limit,
          let found = memchr(base + position + 1, Int32(UInt8(ascii: "]")), limit - position - 1)
        {
          cursor = base.distance(to: UnsafeRawPointer(found))
        }
        if cursor < limit && (cursor + 1 == count || byte(cursor + 1) == 0x20) {
          category = (position + 1)..<cursor
          position = cursor + 1
          if position < count && byte(position) == 0x20 { position += 1 }
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
    let prefix = "*** Recovery started at ".utf8
    guard line.count >= prefix.count, line[0] == UInt8(ascii: "*"), line.starts(with: prefix)
    else { return .other }
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
    let names = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
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
