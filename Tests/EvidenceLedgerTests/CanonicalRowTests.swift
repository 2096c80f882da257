import Crypto
import GRDB
import Testing

@testable import EvidenceLedger

@Suite struct CanonicalRowTests {
  @Test func encodesEachStorageClassWithItsTagAndLength() {
    let bytes = CanonicalRow.bytes(
      table: "t", [.null, (1).databaseValue, (0.5).databaseValue, "é".databaseValue])
    // "t" as text, then N, I + 1, R + the bits of 0.5 (0x3FE0…), T + 2 bytes of UTF-8.
    let expected: [UInt8] =
      [UInt8(ascii: "T"), 0, 0, 0, 0, 0, 0, 0, 1, UInt8(ascii: "t")]
      + [UInt8(ascii: "N")]
      + [UInt8(ascii: "I"), 0, 0, 0, 0, 0, 0, 0, 1]
      + [UInt8(ascii: "R"), 0x3f, 0xe0, 0, 0, 0, 0, 0, 0]
      + [UInt8(ascii: "T"), 0, 0, 0, 0, 0, 0, 0, 2, 0xc3, 0xa9]
    #expect(bytes == expected)
  }

  @Test func negativeIntegersAreTheirTwosComplement() {
    let bytes = CanonicalRow.bytes(table: "", [(-2).databaseValue])
    #expect(
      Array(bytes.suffix(9)) == [UInt8(ascii: "I")] + Array(repeating: 0xff, count: 7) + [0xfe])
  }

  @Test func theHashIsTheSHA256OfTheBytesInLowercaseHex() {
    // echo -n | sha256sum: the digest of nothing, a fixed point of the encoding helpers.
    #expect(
      CanonicalRow.hex(SHA256.hash(data: [UInt8]()))
        == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    let values: [DatabaseValue] = [(7).databaseValue, "x".databaseValue]
    #expect(
      CanonicalRow.hash(table: "events", values)
        == CanonicalRow.hex(SHA256.hash(data: CanonicalRow.bytes(table: "events", values))))
  }

  /// Pairs of rows a naive encoding (text joined, types dropped) would confuse.
  static let lookalikes: [([DatabaseValue], [DatabaseValue])] = [
    (["ab".databaseValue, "c".databaseValue], ["a".databaseValue, "bc".databaseValue]),
    ([(1).databaseValue], [(1.0).databaseValue]),
    (["1".databaseValue], [(1).databaseValue]),
    ([.null], ["".databaseValue]),
    ([.null], []),
  ]

  @Test(arguments: lookalikes)
  func rowsThatConcatenateAlikeHashApart(left: [DatabaseValue], right: [DatabaseValue]) {
    #expect(CanonicalRow.hash(table: "t", left) != CanonicalRow.hash(table: "t", right))
  }

  @Test func theTableNameIsPartOfTheRow() {
    #expect(
      CanonicalRow.hash(table: "events", [(1).databaseValue])
        != CanonicalRow.hash(table: "inputs", [(1).databaseValue]))
  }

  @Test func theContentHashDependsOnTheOrderOfItsRows() {
    let first = CanonicalRow.hash(table: "t", [(1).databaseValue])
    let second = CanonicalRow.hash(table: "t", [(2).databaseValue])
    #expect(
      CanonicalRow.hash(ofHashes: [first, second]) != CanonicalRow.hash(ofHashes: [second, first]))
    #expect(CanonicalRow.hash(ofHashes: [first]) != CanonicalRow.hash(ofHashes: [first, first]))
  }
}
