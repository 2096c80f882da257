import CivilTime
import Foundation

/// The bytes `PrettyJSONEncoder` writes, and the UTF-8 of JSON's leaves written straight into
/// them: strings escaped as `JSONEncoder` escapes them, numbers without a `String` on the way
/// (but doubles, whose shortest form is the standard library's), and indentation.
///
/// It also holds what the encoder's open objects and arrays need while they are written: one
/// stack of their members' places (an object or array is always finished before its parent
/// writes its next member, so each one owns the top of the stack), one scratch buffer for the
/// object whose keys came out of order, and the encoders of finished values for reuse.
final class JSONOutput {
  /// The document so far.
  var bytes: [UInt8] = []
  /// The members of the open objects and arrays, innermost last.
  var members: [Member] = []
  /// The bytes of the object being put in key order (empty between uses).
  var scratch: [UInt8] = []
  /// Encoders of finished values, nothing else holding them.
  var spareEncoders: [PrettyJSONEncoder.ValueEncoder] = []

  /// One member of an object or array: its key (empty in an array) and where its value is.
  struct Member {
    let key: String
    /// The value's bytes in `bytes` when `nested` is -1; otherwise the member was given its own
    /// encoder (a nested container): `nested` indexes the open value's `nestedEncoders`, and
    /// the range is empty, where it was asked for.
    let value: Range<Int>
    let nested: Int
  }

  init(capacity: Int) {
    bytes.reserveCapacity(capacity)
  }

  /// Two spaces per level: the indentation of a line `depth` levels deep.
  func indent(_ depth: Int) {
    var count = 2 * depth
    while count > 0 {
      let run = min(count, Self.spaces.count)
      Self.spaces.withUnsafeBufferPointer { append(UnsafeBufferPointer(rebasing: $0[0..<run])) }
      count -= run
    }
  }

  private static let spaces = [UInt8](repeating: 0x20, count: 64)

  func append(_ buffer: UnsafeBufferPointer<UInt8>) {
    bytes.append(contentsOf: buffer)
  }

  /// ASCII text the encoder writes between values (`",\n"`, `" : "`, literals).
  func ascii(_ text: StaticString) {
    append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  func bool(_ value: Bool) {
    value ? ascii("true") : ascii("false")
  }

  /// A JSON string: `"` and `\` escaped, control characters as `\b \f \n \r \t` or `\u00XX`,
  /// everything else (slashes, DEL, non-ASCII) as it is; unescaped runs are copied whole.
  func string(_ text: String) {
    var text = text
    bytes.append(0x22)
    text.withUTF8 { utf8 in
      var run = 0
      for index in utf8.indices {
        let byte = utf8[index]
        guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
        if run < index { append(UnsafeBufferPointer(rebasing: utf8[run..<index])) }
        escape(byte)
        run = index + 1
      }
      if run < utf8.count { append(UnsafeBufferPointer(rebasing: utf8[run...])) }
    }
    bytes.append(0x22)
  }

  private func escape(_ byte: UInt8) {
    switch byte {
    case 0x22: ascii("\\\"")
    case 0x5C: ascii("\\\\")
    case 0x08: ascii("\\b")
    case 0x0C: ascii("\\f")
    case 0x0A: ascii("\\n")
    case 0x0D: ascii("\\r")
    case 0x09: ascii("\\t")
    default:
      ascii("\\u00")
      bytes.append(Self.hexDigit(byte >> 4))
      bytes.append(Self.hexDigit(byte & 0xF))
    }
  }

  private static func hexDigit(_ value: UInt8) -> UInt8 {
    value < 10 ? 0x30 + value : 0x61 + value - 10
  }

  func integer(_ value: Int64) {
    if value < 0 { bytes.append(0x2D) }
    unsigned(value.magnitude)
  }

  /// The decimal digits of `value`, made from the last on the stack and appended at once.
  func unsigned(_ value: UInt64) {
    append(upTo: 20) { text in
      var rest = value
      var index = 20
      repeat {
        index -= 1
        text[index] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
        rest /= 10
      } while rest > 0
      // Moved to the front: the buffer's first `count` bytes are appended.
      let count = 20 - index
      for offset in 0..<count { text[offset] = text[index + offset] }
      return count
    }
  }

  /// Appends the first bytes of a stack buffer of `capacity` that `fill` writes and counts:
  /// one append for a value made of many pieces.
  func append(upTo capacity: Int, _ fill: (UnsafeMutableBufferPointer<UInt8>) -> Int) {
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
      let count = fill(buffer)
      append(UnsafeBufferPointer(rebasing: buffer[0..<count]))
    }
  }

  /// The start of an object's member: `,\n` unless it is the first, the indentation of
  /// `depth`, and `"key" : ` for a key that needs no escaping.
  func memberStart(_ key: StaticString, depth: Int, isFirst: Bool) {
    let keyCount = key.utf8CodeUnitCount
    append(upTo: 2 + 2 * depth + keyCount + 5) { text in
      var index = 0
      if !isFirst {
        text[0] = 0x2C
        text[1] = 0x0A
        index = 2
      }
      for _ in 0..<(2 * depth) {
        text[index] = 0x20
        index += 1
      }
      text[index] = 0x22
      index += 1
      UnsafeMutableRawPointer(text.baseAddress! + index).copyMemory(
        from: key.utf8Start, byteCount: keyCount)
      index += keyCount
      text[index] = 0x22
      text[index + 1] = 0x20
      text[index + 2] = 0x3A
      text[index + 3] = 0x20
      return index + 4
    }
  }

  /// A double as `JSONEncoder` writes it: its shortest form, without a trailing `.0`.
  func double(_ number: Double) throws {
    guard number.isFinite else {
      throw PrettyJSONEncoder.Unsupported(description: "\(number) is not a JSON number")
    }
    shortest(number.description)
  }

  func float(_ number: Float) throws {
    guard number.isFinite else {
      throw PrettyJSONEncoder.Unsupported(description: "\(number) is not a JSON number")
    }
    shortest(number.description)
  }

  private func shortest(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      let count = utf8.count
      let integral = count > 2 && utf8[count - 2] == 0x2E && utf8[count - 1] == 0x30
      append(UnsafeBufferPointer(rebasing: utf8[0..<(integral ? count - 2 : count)]))
    }
  }

  /// An instant as `timestamp(_:)` writes it (RFC 3339, UTC, milliseconds), as a JSON string,
  /// made on the stack and appended at once; a year outside 0...9999 is left to `timestamp(_:)`.
  func timestamp(_ epochMilliseconds: Int64) {
    let millisecond = ((epochMilliseconds % 1000) + 1000) % 1000
    let seconds = (epochMilliseconds - millisecond) / 1000
    let days = (seconds >= 0 ? seconds : seconds - 86_399) / 86_400
    let secondOfDay = Int(seconds - days * 86_400)
    let date = CivilCalendar.date(daysSinceEpoch: days)
    guard (0...9999).contains(date.year) else {
      string(AuditReports.timestamp(epochMilliseconds))
      return
    }
    append(upTo: 26) { text in
      func put(_ value: Int, at offset: Int, digits: Int, then separator: UInt8) {
        var rest = value
        for index in (0..<digits).reversed() {
          text[offset + index] = 0x30 + UInt8(truncatingIfNeeded: rest % 10)
          rest /= 10
        }
        text[offset + digits] = separator
      }
      text[0] = 0x22
      put(date.year, at: 1, digits: 4, then: 0x2D)
      put(date.month, at: 6, digits: 2, then: 0x2D)
      put(date.day, at: 9, digits: 2, then: 0x54)
      put(secondOfDay / 3600, at: 12, digits: 2, then: 0x3A)
      put(secondOfDay / 60 % 60, at: 15, digits: 2, then: 0x3A)
      put(secondOfDay % 60, at: 18, digits: 2, then: 0x2E)
      put(Int(millisecond), at: 21, digits: 3, then: 0x5A)
      text[25] = 0x22
      return 26
    }
  }

  /// Whether the bytes from `start` on are all ASCII.
  func isASCII(from start: Int) -> Bool {
    bytes.withUnsafeBufferPointer { $0[start...].allSatisfy { $0 < 0x80 } }
  }

  /// Moves the bytes from `start` on into `scratch`, replacing what it held.
  func cut(from start: Int) {
    scratch.removeAll(keepingCapacity: true)
    bytes.withUnsafeBufferPointer {
      scratch.append(contentsOf: UnsafeBufferPointer(rebasing: $0[start...]))
    }
    bytes.removeSubrange(start...)
  }
}

extension JSONOutput {
  /// Whether `key` goes before `other` in `JSONEncoder`'s sorted keys: by their UTF-8 bytes.
  static func precedes(_ key: String, _ other: String) -> Bool {
    var key = key
    var other = other
    return key.withUTF8 { left in
      other.withUTF8 { right in
        let common = min(left.count, right.count)
        if common > 0 {
          let order = memcmp(left.baseAddress!, right.baseAddress!, common)
          if order != 0 { return order < 0 }
        }
        return left.count < right.count
      }
    }
  }
}
