import LogParsing

/// Drops the entries a rotated file repeats from the file before it (SPEC §3.2: overlaps
/// removed).
///
/// While a file is read, the fingerprints of its entries from the next file's first instant on
/// are kept (at most `limit`); the next file's entries up to the previous file's last instant
/// that match one are dropped. `startFile`, the entries through `admit`, then `finishFile`.
struct OverlapFilter {
  private let limit: Int
  /// Fingerprints of the previous file's tail, checked against the current file.
  private var previousTail: Set<UInt64> = []
  private var previousLast = Int64.min
  /// Fingerprints of the current file's tail, collected for the next file.
  private var currentTail: Set<UInt64> = []
  private var currentLast = Int64.min
  /// Entries at or after this instant go into `currentTail`; nil when no file follows.
  private var keepFrom: Int64?

  init(limit: Int) {
    self.limit = limit
  }

  /// Call before each file; `keepingFrom` is the next file's first instant.
  mutating func startFile(keepingFrom next: Int64?) {
    previousTail = currentTail
    previousLast = currentLast
    currentTail = []
    currentLast = .min
    keepFrom = next
  }

  /// Entries timed at most `checkedUntil` or at least `keptFrom` must go through `admit`; the
  /// others are new and need not be kept, so the reader skips the call for them.
  var watchedInstants: (checkedUntil: Int64, keptFrom: Int64) {
    (previousTail.isEmpty ? .min : previousLast, keepFrom ?? .max)
  }

  /// Call after each file with its latest entry instant, which the next file is checked up to.
  mutating func finishFile(lastInstant: Int64?) {
    currentLast = lastInstant ?? .min
  }

  /// True when `entry` is new; false when the previous file already had it.
  mutating func admit(_ entry: Entry) -> Bool {
    let instant = entry.epochMilliseconds
    let needsPrevious = !previousTail.isEmpty && instant <= previousLast
    let needsKeeping = keepFrom.map { instant >= $0 } ?? false
    guard needsPrevious || needsKeeping else { return true }
    let fingerprint = entry.fingerprint()
    if needsPrevious && previousTail.contains(fingerprint) { return false }
    if needsKeeping && currentTail.count < limit { currentTail.insert(fingerprint) }
    return true
  }
}
