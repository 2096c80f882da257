/// Every episode of some sessions with the id of the session it belongs to, in the sessions'
/// order, then each session's: what the rules that judge one episode at a time walk.
///
/// A view, not a list: walking it makes nothing. A list of pairs, built with the context, cost
/// an allocation and a reference count per episode to make, and as many again to free, on the
/// one core that runs the audit's serial steps.
public struct SessionEpisodes: Sequence, Sendable {
  /// The sessions whose episodes it yields.
  let sessions: [CorrelatedSession]

  /// Walks `sessions`, then each one's episodes.
  public struct Iterator: IteratorProtocol {
    let sessions: [CorrelatedSession]
    /// The session of the next episode; `sessions.count` once every one is walked.
    var session = 0
    /// The next episode's index in `sessions[session].episodes`.
    var episode = 0

    /// The next episode and its session's id; nil after the last session's last episode.
    public mutating func next() -> (sessionID: String, episode: Episode)? {
      while session < sessions.count {
        if episode < sessions[session].episodes.count {
          defer { episode += 1 }
          return (sessions[session].id, sessions[session].episodes[episode])
        }
        (session, episode) = (session + 1, 0)
      }
      return nil
    }
  }

  /// An iterator from the first session's first episode.
  public func makeIterator() -> Iterator {
    Iterator(sessions: sessions)
  }
}
