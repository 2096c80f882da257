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
  /// One node of the trie: its children and the entries whose prefix ends here.
  struct Node {
    /// `edges[firstEdge..<firstEdge + edgeCount]`.
    var firstEdge: Int32
    var edgeCount: Int32
    /// `ends[firstEnd..<firstEnd + endCount]`.
    var firstEnd: Int32
    var endCount: Int32
  }

  /// One child of a node: the next element of some prefix and the node it leads to.
  struct Edge {
    /// A byte, or `anyCharacter` for `.`.
    var element: UInt16
    var node: Int32
  }

  /// The edge element of `.`.
  static let anyCharacter: UInt16 = 0x100

  /// The nodes, the root first, and every node's edges and ends, end to end.
  private let nodes: UnsafeMutableBufferPointer<Node>
  private let edges: UnsafeMutableBufferPointer<Edge>
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
    // Built as dictionaries first, then laid out flat.
    var children: [[UInt16: Int]] = [[:]]
    var endings: [[Int]] = [[]]
    for (entry, prefix) in prefixes.enumerated() {
      var node = 0
      for element in prefix {
        let key: UInt16
        switch element {
        case .byte(let byte): key = UInt16(byte)
        case .anyCharacter: key = Self.anyCharacter
        }
        if let next = children[node][key] {
          node = next
        } else {
          children.append([:])
          endings.append([])
          children[node][key] = children.count - 1
          node = children.count - 1
        }
      }
      endings[node].append(entry)
    }
    nodes = .allocate(capacity: children.count)
    edges = .allocate(capacity: max(children.count - 1, 1))
    ends = .allocate(capacity: max(prefixes.count, 1))
    isWholeEntry = .allocate(capacity: max(prefixes.count, 1))
    found = .allocate(capacity: max(prefixes.count, 1))
    pending = .allocate(capacity: children.count)
    for (index, value) in wholeEntries.enumerated() { isWholeEntry[index] = value }
    var edgeCount = 0
    var endCount = 0
    for node in children.indices {
      let sorted = children[node].sorted { $0.key < $1.key }
      for (offset, child) in sorted.enumerated() {
        edges[edgeCount + offset] = Edge(element: child.key, node: Int32(child.value))
      }
      for (offset, entry) in endings[node].enumerated() { ends[endCount + offset] = Int32(entry) }
      nodes[node] = Node(
        firstEdge: Int32(edgeCount), edgeCount: Int32(sorted.count), firstEnd: Int32(endCount),
        endCount: Int32(endings[node].count))
      edgeCount += sorted.count
      endCount += endings[node].count
    }
  }

  /// Frees the trie; call once, when its owner goes.
  func deallocate() {
    nodes.deallocate()
    edges.deallocate()
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
      let firstEdge = Int(node.firstEdge)
      let edgeRange = firstEdge..<(firstEdge + Int(node.edgeCount))
      if offset < 0 {
        for edge in edgeRange {
          pending[waiting] = (edges[edge].node, -1)
          waiting += 1
        }
        continue
      }
      guard offset < message.count else { continue }
      let byte = message[offset]
      for edge in edgeRange {
        let element = edges[edge].element
        if element == UInt16(byte) {
          pending[waiting] = (edges[edge].node, offset + 1)
          waiting += 1
        } else if element == Self.anyCharacter {
          // One byte of printable ASCII or a tab is one character and no line end.
          let isOneCharacter = byte == 0x09 || (byte >= 0x20 && byte < 0x80)
          pending[waiting] = (edges[edge].node, isOneCharacter ? offset + 1 : -1)
          waiting += 1
        }
      }
    }
    return UnsafeBufferPointer(rebasing: found[..<count])
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
