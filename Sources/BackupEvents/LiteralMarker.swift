import CByteSearch
import LogReading

/// The fast path's prefilter: marks every place where one of the catalogue's literals occurs,
/// searching a whole buffer of lines for all of them in one vectorised pass.
///
/// It is used only for literals without line terminators, which therefore lie inside one line;
/// a mark in a line's header, or in a part of it cut off by a length limit, is a false candidate
/// that PCRE2 then rejects, never a missed event.
public final class LiteralMarker: LineMarker, @unchecked Sendable {
  // SAFETY: `set` is written only in `init` and freed only in `deinit`; searching reads it and
  // never writes, so any number of threads may search with it at once.
  private let set: OpaquePointer
  /// The literals, as given.
  public let literals: [[UInt8]]

  /// Creates a marker for `literals`; nil when there is none, or one is empty or holds `\n`
  /// or `\r` (it could then span lines, which a line's marks cannot tell).
  public init?(literals: [[UInt8]]) {
    guard !literals.isEmpty,
      literals.allSatisfy({ !$0.isEmpty && !$0.contains(0x0A) && !$0.contains(0x0D) })
    else { return nil }
    let copies = literals.map { literal -> UnsafeMutablePointer<UInt8> in
      let copy = UnsafeMutablePointer<UInt8>.allocate(capacity: literal.count)
      copy.initialize(from: literal, count: literal.count)
      return copy
    }
    defer {
      for copy in copies { copy.deallocate() }
    }
    let pointers = copies.map { UnsafePointer<UInt8>?(UnsafePointer($0)) }
    let lengths = literals.map(\.count)
    guard let created = byte_search_set_create(pointers, lengths, literals.count) else {
      return nil
    }
    set = created
    self.literals = literals
  }

  deinit {
    byte_search_set_free(set)
  }

  /// The start of a literal in the earliest line of `bytes` that holds one.
  public func firstMark(in bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
      let found = byte_search_set_find(set, base, bytes.count)
    else { return nil }
    return base.distance(to: found)
  }

  /// The same search without vector instructions, for tests that compare the two.
  func firstMarkWithoutVectors(in bytes: UnsafeRawBufferPointer) -> Int? {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self),
      let found = byte_search_set_find_scalar(set, base, bytes.count)
    else { return nil }
    return base.distance(to: found)
  }
}
