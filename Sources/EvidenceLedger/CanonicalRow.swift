import Crypto
import Foundation
import GRDB

/// The canonical serialization of ledger rows, and the SHA-256 digests built on it.
///
/// A row is its table's name, then each value tagged with its SQLite storage class: `N` for
/// NULL; `I` and 8 bytes big-endian for an integer; `R` and the 8 bytes of the IEEE 754 bit
/// pattern, big-endian, for a real; `T` or `B`, an 8-byte big-endian length and the bytes for
/// text (UTF-8) or a blob. Lengths make the encoding unambiguous: no two rows share one.
/// Writing and verifying both hash the `DatabaseValue`s themselves, so the hash recorded is
/// the hash of what SQLite gives back.
public enum CanonicalRow {
  /// The bytes of `values`, a row of `table`.
  public static func bytes(table: String, _ values: [DatabaseValue]) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(64 + values.count * 12)
    append(text: table, tag: UInt8(ascii: "T"), to: &bytes)
    for value in values {
      switch value.storage {
      case .null:
        bytes.append(UInt8(ascii: "N"))
      case .int64(let integer):
        bytes.append(UInt8(ascii: "I"))
        append(UInt64(bitPattern: integer), to: &bytes)
      case .double(let real):
        bytes.append(UInt8(ascii: "R"))
        append(real.bitPattern, to: &bytes)
      case .string(let text):
        append(text: text, tag: UInt8(ascii: "T"), to: &bytes)
      case .blob(let data):
        bytes.append(UInt8(ascii: "B"))
        append(UInt64(data.count), to: &bytes)
        bytes.append(contentsOf: data)
      }
    }
    return bytes
  }

  /// The SHA-256 of the row, as 64 lowercase hex digits: its `row_hash`.
  public static func hash(table: String, _ values: [DatabaseValue]) -> String {
    hex(SHA256.hash(data: bytes(table: table, values)))
  }

  /// The SHA-256 of hex digests' text one after another, as hex: a run's content hash over
  /// its rows' hashes in order.
  public static func hash(ofHashes hashes: [String]) -> String {
    var hasher = SHA256()
    for digest in hashes { hasher.update(data: Array(digest.utf8)) }
    return hex(hasher.finalize())
  }

  /// Lowercase hex of a digest.
  static func hex<D: Sequence>(_ digest: D) -> String where D.Element == UInt8 {
    let digits = Array("0123456789abcdef".utf8)
    var text: [UInt8] = []
    for byte in digest {
      text.append(digits[Int(byte >> 4)])
      text.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: text, as: UTF8.self)
  }

  private static func append(text: String, tag: UInt8, to bytes: inout [UInt8]) {
    let utf8 = Array(text.utf8)
    bytes.append(tag)
    append(UInt64(utf8.count), to: &bytes)
    bytes.append(contentsOf: utf8)
  }

  private static func append(_ value: UInt64, to bytes: inout [UInt8]) {
    for shift in stride(from: 56, through: 0, by: -8) {
      bytes.append(UInt8(truncatingIfNeeded: value >> UInt64(shift)))
    }
  }
}
