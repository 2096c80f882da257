/// Finds the places in a run of lines that deserve a closer look, so that a reader can tell the
/// lines that cannot matter apart without looking at each of them.
///
/// A marker searches whole buffers at once (the fast path's prefilter: every catalogue literal
/// in one pass) and may report false marks, never miss one. Marks never span a line terminator.
public protocol LineMarker: Sendable {
  /// The offset of a mark in the earliest line of `bytes` that holds one, or nil when no mark
  /// lies wholly inside `bytes`.
  func firstMark(in bytes: UnsafeRawBufferPointer) -> Int?
}
