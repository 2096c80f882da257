import CByteSearch

/// Reads one flat JSON object of plain ASCII text in a single pass, for
/// `StructuredLogLine.jsonTimestamp`: the range of its last `when` string, or nil.
///
/// Plain means no backslash, no byte below 0x20 (a tab neither: rare between a JSON log's
/// tokens, and never allowed in its strings) and no byte outside ASCII, anywhere in the line.
/// The reading is C (`flat_json_last_when`), because it is the whole cost of an unmarked line
/// of a JSON log: 64 bytes at a time, a mask of the quotes and one of the unplain bytes (SSE2,
/// 16 bytes per step), so that a string, the long `text` value above all, costs nothing more
/// than its masks; only the few bytes between strings (`": "`, `, `, a number) are read one by
/// one, by the grammar of a flat object, which takes spaces and no other whitespace.
enum FlatJSONScanner {
  /// The range of the last `when` string value when the whole line is a valid flat object of
  /// plain text whose values are strings, numbers, `true`, `false` or `null`; nil otherwise.
  static func lastWhen(_ line: UnsafeRawBufferPointer) -> Range<Int>? {
    read(line, usesVectors: true)
  }

  /// The same reader finding quotes and unplain bytes one byte at a time, for tests that
  /// compare the two.
  static func lastWhenWithoutVectors(_ line: UnsafeRawBufferPointer) -> Range<Int>? {
    read(line, usesVectors: false)
  }

  /// The line that starts `bytes` and its last `when`, read in one pass: its length (without
  /// its `\n` or `\r\n`) and the range, when it ends within `bytes` and `lastWhen` of it (CR
  /// left out) would give one; nil otherwise, whatever the reason.
  static func lineAndLastWhen(_ bytes: UnsafeRawBufferPointer) -> (length: Int, when: Range<Int>)? {
    readLine(bytes, usesVectors: true)
  }

  /// The same reader one byte at a time, for tests.
  static func lineAndLastWhenWithoutVectors(_ bytes: UnsafeRawBufferPointer)
    -> (length: Int, when: Range<Int>)?
  {
    readLine(bytes, usesVectors: false)
  }

  @inline(__always)
  private static func readLine(_ bytes: UnsafeRawBufferPointer, usesVectors: Bool)
    -> (length: Int, when: Range<Int>)?
  {
    guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    var length = 0
    var start = 0
    var end = 0
    let found =
      usesVectors
      ? flat_json_line_last_when(base, bytes.count, &length, &start, &end)
      : flat_json_line_last_when_scalar(base, bytes.count, &length, &start, &end)
    return found == 1 ? (length, start..<end) : nil
  }

  @inline(__always)
  private static func read(_ line: UnsafeRawBufferPointer, usesVectors: Bool) -> Range<Int>? {
    guard let base = line.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return nil }
    var start = 0
    var end = 0
    let found =
      usesVectors
      ? flat_json_last_when(base, line.count, &start, &end)
      : flat_json_last_when_scalar(base, line.count, &start, &end)
    return found == 1 ? start..<end : nil
  }
}
