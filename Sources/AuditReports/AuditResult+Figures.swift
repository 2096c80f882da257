import BackupAudit

// The figures that the monitoring formats (Prometheus, Nagios) and the Markdown summary read off
// an audit result, computed once here so that they agree.
extension AuditResult {
  /// The span of the production and restored servers' logs: the first entry of any to the last
  /// of any; nil when no log has a dated entry.
  var auditedPeriod: (from: Int64, to: Int64)? {
    guard let from = servers.compactMap(\.from).min(), let to = servers.compactMap(\.to).max()
    else { return nil }
    return (from, to)
  }

  /// The session `summary.lastConsistentSession` names, when there is one.
  var lastConsistentSession: Session? {
    guard let id = summary.lastConsistentSession else { return nil }
    return sessions.last { $0.id == id }
  }

  /// Each production server's freeze in the most recent session where it froze, by server name:
  /// its length in seconds (milliseconds kept), or nil when that freeze never ended, so that an
  /// older, shorter freeze never stands in for a missing one.
  var latestFreezes: [(server: String, session: Session, seconds: Double?)] {
    var latest: [String: (session: Session, seconds: Double?)] = [:]
    for session in sessions {
      for member in session.members where member.freezeBegin != nil {
        let duration = member.durationSeconds.flatMap { $0.isFinite ? roundedSeconds($0) : nil }
        latest[member.server] = (session, duration)
      }
    }
    return latest.sorted { ServerNameOrder.precedes($0.key, $1.key) }.map {
      ($0.key, $0.value.session, $0.value.seconds)
    }
  }

  /// Each production server's episode still in progress at the report time, by server name:
  /// `frozen` or `quiesced`, how long it has run and its limit (the freeze timeout, the longest
  /// quiesce), in seconds. The longest-running first when a server has several.
  var runningEpisodes: [(server: String, action: String, seconds: Double, limit: Double)] {
    var running: [String: (action: String, seconds: Double, limit: Double)] = [:]
    for session in sessions where session.verdict == .inProgress {
      for member in session.members {
        guard let elapsed = member.elapsedSeconds, elapsed > running[member.server]?.seconds ?? -1
        else { continue }
        running[member.server] =
          member.freezeBegin != nil || member.thawBegin != nil || member.frozen != nil
          ? ("frozen", elapsed, seconds(configuration.freezeTimeoutMilliseconds))
          : ("quiesced", elapsed, seconds(configuration.maxQuiesceMilliseconds))
      }
    }
    return running.sorted { ServerNameOrder.precedes($0.key, $1.key) }.map {
      ($0.key, $0.value.action, $0.value.seconds, $0.value.limit)
    }
  }
}
