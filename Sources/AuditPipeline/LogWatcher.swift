import AuditReports
import BackupAudit
import BackupEvents
import Foundation
import LogReading

/// Follows every server's logs and says what changed since the last look (SPEC §6 `watch`):
/// new events, sessions that opened or whose verdict changed, and findings that now hold.
///
/// Each `poll` looks again at the files (a stat of each, and discovery again, so that a
/// rotation, a truncation, a file or server folder that appears later are all seen), reads
/// again only the servers whose files changed, and audits what it holds at the poll's time.
/// Findings that depend on time alone (`freeze-near-timeout` at 80 % of the timeout while
/// still frozen, `never-thawed` past it) therefore appear at the first poll after that moment,
/// with no new log line. Why polling and not inotify: a stat of a few files every few hundred
/// milliseconds costs next to nothing, follows renames and truncations the same way on every
/// file system (inotify misses NFS and some container mounts), and keeps one code path.
///
/// Memory is bounded: only files modified within `window` are read (rotated files of past
/// days are not), and what has been said is remembered for the sessions in that window only.
public final class LogWatcher {
  /// One thing that changed.
  public enum Change: Sendable {
    case event(BackupEvent)
    /// A session seen for the first time, or whose verdict changed.
    case session(Session)
    case finding(Finding)
    /// A server's file, or the whole of a server, can no longer be read.
    case problem(String)
  }

  public let pipeline: AuditPipeline
  /// How far back files are read, by their modification time.
  public let window: Int64
  /// What was read of each server input: its own log, and the servers its files name.
  private var readings: [String: [ServerReading]] = [:]
  private var fingerprints: [String: [String: [Int64]]] = [:]
  private var seenEvents: Set<EventKey> = []
  private var verdicts: [String: Verdict] = [:]
  private var seenFindings: Set<String> = []
  private var problems: Set<String> = []
  private var isFirstPoll = true
  /// The latest audit, for the Prometheus textfile.
  public private(set) var latest: AuditPipeline.Outcome?

  private struct EventKey: Hashable {
    var server: String
    var instant: Int64
    var text: String
  }

  /// Creates a watcher of `pipeline`'s request.
  public init(pipeline: AuditPipeline, window: Int64 = 48 * 3_600_000) {
    self.pipeline = pipeline
    self.window = window
  }

  /// Looks again at `now` (milliseconds since the epoch) and returns what changed, in order:
  /// events, then sessions, then findings. The first poll reports what is open or holds now,
  /// not the history before it.
  public func poll(now: Int64) -> [Change] {
    var changes: [Change] = []
    let servers: [ServerInput]
    switch pipeline.request.currentServers() {
    case .success(let found): servers = found
    case .failure(let error):
      report(String(describing: error), into: &changes)
      servers = pipeline.request.servers
    }
    var fresh: [ServerReading] = []
    for server in servers {
      let recent = recentFiles(of: server, now: now)
      let print = recent.files.reduce(into: [String: [Int64]]()) { $0[$1] = Self.fingerprint($1) }
      if print != fingerprints[server.name] || readings[server.name] == nil {
        fingerprints[server.name] = print
        let request = pipeline.request
        let streams = ServerLogReader(
          options: request.readingOptions(server), catalogue: request.catalogue,
          namedOptions: { request.readingOptions(ServerInput(name: $0, files: server.files)) }
        ).readStreams(recent)
        readings[server.name] = streams
        fresh += streams
      }
    }
    for name in Set(readings.keys).subtracting(servers.map(\.name)) {
      readings[name] = nil
      fingerprints[name] = nil
      report("\(name): its logs are gone", into: &changes)
    }
    for reading in fresh {
      for failure in reading.failures { report(failure.failure ?? failure.path, into: &changes) }
      for event in reading.events where !isFirstPoll {
        let key = EventKey(server: event.server, instant: event.epochMilliseconds, text: event.text)
        if !seenEvents.contains(key) { changes.append(.event(event)) }
      }
    }
    if !fresh.isEmpty {
      // What has been said is what is held now: events that left the window drop out, and a
      // rotated file's lines, read again under its new name, are not news.
      seenEvents = Set(readings.values.joined().flatMap(\.events).map {
        EventKey(server: $0.server, instant: $0.epochMilliseconds, text: $0.text)
      })
    }
    // Nothing read and nothing running: the last audit still holds (time alone changes only
    // an episode in progress), so an idle watch costs a few stats per poll.
    let isRunning = latest?.result.sessions.contains { $0.verdict == .inProgress } ?? true
    if fresh.isEmpty && !isRunning && changes.isEmpty { return [] }
    let outcome = pipeline.audit(
      ServerLogReader.merged(readings.values.flatMap { $0 })
        .sorted { ServerNameOrder.precedes($0.server, $1.server) }, reportTime: now)
    latest = outcome
    for session in outcome.result.sessions where verdicts[session.id] != session.verdict {
      let isOpen = session.verdict == .inProgress
      if !isFirstPoll || isOpen { changes.append(.session(session)) }
      verdicts[session.id] = session.verdict
    }
    let open = Set(outcome.result.sessions.filter { $0.verdict == .inProgress }.map(\.id))
    for finding in outcome.result.findings {
      let key = "\(finding.rule.rawValue)|\(finding.server ?? "")|\(finding.session ?? "")|"
        + "\(finding.epochMilliseconds)"
      let isCurrent = finding.session.map(open.contains) ?? false
      if seenFindings.insert(key).inserted && (!isFirstPoll || isCurrent) {
        changes.append(.finding(finding))
      }
    }
    forgetSessionsGone(outcome.result)
    isFirstPoll = false
    return changes
  }

  /// `server` with only the files modified within the window (and always its current log).
  private func recentFiles(of server: ServerInput, now: Int64) -> ServerInput {
    let recent = server.files.filter { path in
      guard let print = Self.fingerprint(path) else { return false }
      return print[2] >= now - window || path.hasSuffix("/messages.log")
        || path.hasSuffix("/cconsole.log") || path == "-"
    }
    return ServerInput(name: server.name, files: recent)
  }

  /// Inode, size and modification time (milliseconds) of `path`; nil when it cannot be read.
  private static func fingerprint(_ path: String) -> [Int64]? {
    var status = stat()
    guard stat(path, &status) == 0 else { return nil }
    let modified = Int64(status.st_mtim.tv_sec) * 1000 + Int64(status.st_mtim.tv_nsec) / 1_000_000
    return [Int64(status.st_ino), Int64(status.st_size), modified]
  }

  private func report(_ problem: String, into changes: inout [Change]) {
    if problems.insert(problem).inserted { changes.append(.problem(problem)) }
  }

  /// Drops what was said about sessions that are no longer in the window.
  private func forgetSessionsGone(_ result: AuditResult) {
    let current = Set(result.sessions.map(\.id))
    verdicts = verdicts.filter { current.contains($0.key) }
    seenFindings = seenFindings.filter { key in
      let session = key.split(separator: "|", omittingEmptySubsequences: false)[2]
      return session.isEmpty || current.contains(String(session))
    }
  }

  /// Polls every `interval` milliseconds until `shouldStop` says so, handing each change to
  /// `emit` and each batch's end to `flush`; after a poll with changes, `changed` gets the
  /// latest audit (for the Prometheus textfile).
  public func run(
    interval: Int64, shouldStop: () -> Bool, emit: (Change) -> Void, flush: () -> Void,
    changed: (AuditPipeline.Outcome) -> Void, clock: () -> Int64 = AuditPipeline.now,
    pause: (Int64) -> Void = AuditPipeline.sleep
  ) {
    var isFirst = true
    while !shouldStop() {
      let changes = poll(now: clock())
      for change in changes { emit(change) }
      flush()
      if let latest, isFirst || !changes.isEmpty { changed(latest) }
      isFirst = false
      // Short sleeps, so that a stop request is seen within a tenth of a second.
      var slept: Int64 = 0
      while slept < interval && !shouldStop() {
        let step = min(100, interval - slept)
        pause(step)
        slept += step
      }
    }
  }
}
