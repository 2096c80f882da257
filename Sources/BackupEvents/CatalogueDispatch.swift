/// Which catalogue entries a message may match, by their anchored prefixes
/// (`AnchoredPrefix.elements`), found in one walk along the message instead of one comparison
/// per entry.
///
/// The prefixes are the paths of a trie whose edges are bytes or `.` (any one character): a
/// message is walked from its first byte for as long as some prefix goes on with it, and every
/// entry whose prefix ends at a node passed is a candidate. The sixteen Backup wordings share
/// `Backup.General` or `Backup.ShardedCluster`, then a `.` and the method, so a decoy such as
/// `Backup.General.IsWDSuspended returned 0` stops at the `I` with the one entry that takes
/// any Backup method (`unrecognised`), and a message that starts like none of them stops at
/// its first byte. Entries without a prefix are candidates for every message.
///
/// Conservative, like the prefixes: a `.` steps over one byte of printable ASCII or a tab,
/// which is one character and no line end under any newline convention; at any other byte
/// (a line end, a byte of a multi-byte character) every entry past that `.` is a candidate,
/// and PCRE2 decides.
///
/// Built once per extractor and read through pointers it owns, so that a walk allocates,
/// copies and retains nothing: a struct of pointers, freed by its owner's `deallocate()`.
struct CatalogueDispatch {
  /// One node of the trie, its chains of single children merged into it: the elements that
  /// lead to it from its parent, its children, and the entries whose prefix ends here.
  struct Node {
    /// `labels[firstLabel..<firstLabel + labelCount]`: bytes, or `anyCharacter` for `.`;
    /// empty for the root only.
    var firstLabel: Int32
    var labelCount: Int32
    /// `children[firstChild..<firstChild + childCount]`, node indices.
    var firstChild: Int32
    var childCount: Int32
    /// `ends[firstEnd..<firstEnd + endCount]`.
    var firstEnd: Int32
    var endCount: Int32
  }

  /// The edge element of `.`.
  static let anyCharacter: UInt16 = 0x100

  /// The nodes, the root first, and every node's label, children and ends, end to end.
  private let nodes: UnsafeMutableBufferPointer<Node>
  private let labels: UnsafeMutableBufferPointer<UInt16>
  private let children: UnsafeMutableBufferPointer<Int32>
  private let ends: UnsafeMutableBufferPointer<Int32>
  /// Which entries match the whole message rather than its first line.
  private let isWholeEntry: UnsafeMutableBufferPointer<Bool>
  /// Scratch of `candidates`: the entries found, and the nodes still to visit with the offset
  /// reached there (-1: every entry below is a candidate); a node is visited at most once.
  private let found: UnsafeMutableBufferPointer<Int32>
  private let pending: UnsafeMutableBufferPointer<(node: Int32, offset: Int)>

  /// A trie of the entries' `prefixes` (empty: none); `isWholeEntry` tells, per entry, whether
  /// its subject is the whole message or its first line.
  init(prefixes: [[AnchoredPrefix.Element]], isWholeEntry wholeEntries: [Bool]) {
    precondition(prefixes.count == wholeEntries.count)
    // Built one element per node first, then laid out flat with chains merged.
    var next: [[UInt16: Int]] = [[:]]
    var endings: [[Int]] = [[]]
    for (entry, prefix) in prefixes.enumerated() {
      var node = 0
      for element in prefix {
        let key: UInt16
        switch element {
        case .byte(let byte): key = UInt16(byte)
        case .anyCharacter: key = Self.anyCharacter
        }
        if let child = next[node][key] {
          node = child
        } else {
          next.append([:])
          endings.append([])
          next[node][key] = next.count - 1
          node = next.count - 1
        }
      }
      endings[node].append(entry)
    }
    var laidOut: [(label: [UInt16], children: [Int], ends: [Int])] = []
    // Lays out the node reached by `label` from its parent, and its subtree; its index.
    func layOut(_ start: Int, label: [UInt16]) -> Int {
      var node = start
      var label = label
      while node != 0 && endings[node].isEmpty && next[node].count == 1 {
        let (key, child) = next[node].first!
        label.append(key)
        node = child
      }
      let index = laidOut.count
      laidOut.append((label, [], endings[node]))
      let sorted = next[node].sorted { $0.key < $1.key }
      laidOut[index].children = sorted.map { layOut($0.value, label: [$0.key]) }
      return index
    }
    _ = layOut(0, label: [])
    nodes = .allocate(capacity: laidOut.count)
    labels = .allocate(capacity: max(laidOut.reduce(0) { $0 + $1.label.count }, 1))
    children = .allocate(capacity: max(laidOut.count - 1, 1))
    ends = .allocate(capacity: max(prefixes.count, 1))
    isWholeEntry = .allocate(capacity: max(prefixes.count, 1))
    found = .allocate(capacity: max(prefixes.count, 1))
    pending = .allocate(capacity: laidOut.count)
    for (index, value) in wholeEntries.enumerated() { isWholeEntry[index] = value }
    var labelCount = 0
    var childCount = 0
    var endCount = 0
    for (index, node) in laidOut.enumerated() {
      for (offset, element) in node.label.enumerated() { labels[labelCount + offset] = element }
      for (offset, child) in node.children.enumerated() {
        children[childCount + offset] = Int32(child)
      }
      for (offset, entry) in node.ends.enumerated() { ends[endCount + offset] = Int32(entry) }
      nodes[index] = Node(
        firstLabel: Int32(labelCount), labelCount: Int32(node.label.count),
        firstChild: Int32(childCount), childCount: Int32(node.children.count),
        firstEnd: Int32(endCount), endCount: Int32(node.ends.count))
      labelCount += node.label.count
      childCount += node.children.count
      endCount += node.ends.count
    }
  }

  /// Frees the trie; call once, when its owner goes.
  func deallocate() {
    nodes.deallocate()
    labels.deallocate()
    children.deallocate()
    ends.deallocate()
    isWholeEntry.deallocate()
    found.deallocate()
    pending.deallocate()
  }

  /// The entries whose subject may begin with their prefix, in the catalogue's order:
  /// `message` is the whole message, of which the first `firstLineLength` bytes are the first
  /// line's. The buffer is scratch of this dispatch, valid until its next call.
  func candidates(of message: UnsafeRawBufferPointer, firstLineLength: Int)
    -> UnsafeBufferPointer<Int32>
  {
    var count = 0
    var waiting = 1
    pending[0] = (0, 0)
    while waiting > 0 {
      waiting -= 1
      let (index, offset) = pending[waiting]
      let node = nodes[Int(index)]
      let firstEnd = Int(node.firstEnd)
      for end in firstEnd..<(firstEnd + Int(node.endCount)) {
        let entry = ends[end]
        // A first-line entry's prefix must lie in the first line (past a line end, unknown).
        if offset < 0 || offset <= firstLineLength || isWholeEntry[Int(entry)] {
          count = insert(entry, count)
        }
      }
      let firstChild = Int(node.firstChild)
      for child in firstChild..<(firstChild + Int(node.childCount)) {
        let reached = self.offset(after: children[child], from: offset, in: message)
        if reached != Self.unmatched {
          pending[waiting] = (children[child], reached)
          waiting += 1
        }
      }
    }
    return UnsafeBufferPointer(rebasing: found[..<count])
  }

  /// What `offset(after:from:in:)` gives for a label the message does not go on with.
  private static let unmatched = Int.min

  /// The offset in `message` after the label of `node`, read from `offset` (-1: every entry
  /// below is a candidate already), or -1 when a `.` meets a byte that may not be one whole
  /// character, or `unmatched`.
  @inline(__always)
  private func offset(after node: Int32, from offset: Int, in message: UnsafeRawBufferPointer)
    -> Int
  {
    guard offset >= 0 else { return -1 }
    let label = nodes[Int(node)]
    let first = Int(label.firstLabel)
    let count = Int(label.labelCount)
    guard message.count - offset >= count else {
      // Too short for the label, unless a `.` before the end is left to PCRE2.
      return matchedPart(first, count, from: offset, in: message)
    }
    var cursor = offset
    for index in first..<(first + count) {
      let element = labels[index]
      let byte = message[cursor]
      if element == UInt16(byte) {
        cursor += 1
      } else if element == Self.anyCharacter {
        // One byte of printable ASCII or a tab is one character and no line end.
        guard byte == 0x09 || (byte >= 0x20 && byte < 0x80) else { return -1 }
        cursor += 1
      } else {
        return Self.unmatched
      }
    }
    return cursor
  }

  /// For a message that ends inside a label: -1 when the label's part before the end matches
  /// up to a `.` at a byte that may not be one character, else `unmatched`.
  private func matchedPart(
    _ first: Int, _ count: Int, from offset: Int, in message: UnsafeRawBufferPointer
  ) -> Int {
    var cursor = offset
    for index in first..<(first + count) {
      guard cursor < message.count else { return Self.unmatched }
      let element = labels[index]
      let byte = message[cursor]
      if element == Self.anyCharacter {
        guard byte == 0x09 || (byte >= 0x20 && byte < 0x80) else { return -1 }
      } else if element != UInt16(byte) {
        return Self.unmatched
      }
      cursor += 1
    }
    return Self.unmatched
  }

  /// Inserts `entry` among the first `count` found, in order and once; the new count.
  @inline(__always)
  private func insert(_ entry: Int32, _ count: Int) -> Int {
    // Insertion: a message has a few candidates at most.
    var slot = count
    while slot > 0 && found[slot - 1] > entry { slot -= 1 }
    if slot > 0 && found[slot - 1] == entry { return count }
    var move = count
    while move > slot {
      found[move] = found[move - 1]
      move -= 1
    }
    found[slot] = entry
    return count + 1
  }
}
