/// The messages of events' texts, each kept once (`BackupEvent.compactText`): a backup logs
/// the same wordings every night, on every server.
///
/// One table per reader thread; it holds at most `limit` distinct messages (those with numbers
/// in them, a checkpoint's or a journal file's, are mostly distinct), after which a message
/// not yet in it is kept by its event alone.
public final class EventTextTable {
  private var messages: Set<String> = []
  private let limit: Int

  /// Creates a table of at most `limit` messages.
  public init(limit: Int = 4096) {
    self.limit = limit
  }

  /// The table's copy of `message`, added when there is room.
  func shared(_ message: Substring) -> String {
    let text = String(message)
    if let existing = messages.firstIndex(of: text) { return messages[existing] }
    if messages.count < limit { messages.insert(text) }
    return text
  }
}
