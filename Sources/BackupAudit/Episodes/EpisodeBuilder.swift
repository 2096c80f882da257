import BackupEvents

/// Turns one server's events, in the order they were logged, into episodes (SPEC §4).
///
/// A freeze's internal Quiesce, checkpoint and Resume stay inside it: their "System resumed"
/// does not end it; only ExternalThaw does, or a restart. Their order relative to the freeze
/// lines is not documented, so a quiesce that began shortly before the freeze-begin, and a
/// checkpoint logged just after its quiesce resumed, are taken in as well.
///
/// A thaw that began ends the freeze: the episode moves to `thawing`, where only the thaw's
/// confirmation ("System resumed", "Already resumed", a failure) or an unrecognised message
/// joins it; any other backup event closes it as `unconfirmed`, so a later freeze-begin is a
/// new episode, never an overlap of the old one. A thaw failure leaves the system frozen: the
/// episode is open again, for the retry.
public struct EpisodeBuilder {
  /// How far before a freeze-begin an internal quiesce may have started, and how long after a
  /// quiesce resumed its checkpoint line may come.
  public static let adoptionWindowMilliseconds: Int64 = 60_000

  private let server: String
  /// The open freeze: begun, no thaw begun since.
  private var freeze: Episode?
  /// The freeze whose thaw began and is not confirmed yet; never set together with `freeze`.
  private var thawing: Episode?
  private var quiesce: Episode?
  private var finished: [Episode] = []
  /// Unrecognised backup messages logged while no episode was open.
  public private(set) var strayUnrecognised: [BackupEvent] = []

  /// Creates a builder for `server`.
  public init(server: String) {
    self.server = server
  }

  /// The episodes of `events` (one server's, in logged order).
  public static func episodes(server: String, events: [BackupEvent]) -> [Episode] {
    build(server: server, events: events).episodes
  }

  /// The episodes of `events`, and the unrecognised messages logged outside all of them.
  public static func build(server: String, events: [BackupEvent])
    -> (episodes: [Episode], strayUnrecognised: [BackupEvent])
  {
    var builder = EpisodeBuilder(server: server)
    for event in events { builder.take(event) }
    return (builder.finish(), builder.strayUnrecognised)
  }

  /// Takes the next event.
  public mutating func take(_ event: BackupEvent) {
    if thawing != nil && !continuesThaw(event) { close(\.thawing, .unconfirmed) }
    switch event.kind {
    case .freezeBegin: beginFreeze(event)
    case .frozen: withFreeze(event) { if $0.frozen == nil { $0.frozen = event } }
    case .freezeJournalFile:
      if freeze != nil { freeze!.freezeJournalFile = freeze!.freezeJournalFile ?? event }
    case .unjournaledDatabase, .unjournaledSummary: freeze?.unjournaled.append(event)
    case .freezeFailed: failFreeze(event)
    case .thawBegin: beginThaw(event)
    case .thawed:
      if thawing != nil {
        thawing!.thawed = event
        close(\.thawing, .completed)
      } else {
        withFreeze(event) { $0.thawed = event }
        close(\.freeze, .completed)
      }
    case .alreadyResumed: alreadyResumed(event)
    case .thawFailed: failThaw(event)
    case .quiesceBegin: beginQuiesce(event)
    case .quiesced, .quiesceTimeout, .resumeBegin, .resumed: quiesceStep(event)
    case .journalCheckpoint: checkpoint(event)
    case .startup, .recovery, .abnormalShutdown: restart(event)
    case .unrecognised: unrecognised(event)
    case .journalSwitch, .cleanShutdown, .instanceStart: break
    }
  }

  /// True when `event`, logged while a thaw is unconfirmed, belongs to that thaw: its
  /// confirmation, an unrecognised message, or lines that are no backup event. A restart is
  /// not: the begun thaw ended the freeze, so the restart did not happen while frozen, and the
  /// thaw stays unconfirmed.
  private func continuesThaw(_ event: BackupEvent) -> Bool {
    switch event.kind {
    case .thawed, .alreadyResumed, .thawFailed, .unrecognised: true
    case .startup, .recovery, .abnormalShutdown: false
    default: !event.kind.isBackupClassMessage
    }
  }

  /// Closes what is still open and returns every episode in time order.
  public mutating func finish() -> [Episode] {
    close(\.thawing, .thawPending)
    close(\.freeze, .endOfEvidence)
    close(\.quiesce, .endOfEvidence)
    return finished.sorted { ($0.start, $0.kind.rawValue) < ($1.start, $1.kind.rawValue) }
  }

  // MARK: freezes

  private mutating func beginFreeze(_ event: BackupEvent) {
    if freeze != nil {
      freeze!.overlappingFreezes.append(event)
      return
    }
    var opened = Episode(server: server, kind: .freeze)
    opened.freezeBegin = event
    adoptQuiesce(into: &opened, before: event.epochMilliseconds)
    freeze = opened
  }

  /// Moves a quiesce or checkpoint that began just before the freeze into it.
  private mutating func adoptQuiesce(into opened: inout Episode, before instant: Int64) {
    let earliest = instant - Self.adoptionWindowMilliseconds
    if let open = quiesce, open.start >= earliest {
      merge(open, into: &opened)
      quiesce = nil
      return
    }
    if let last = finished.last, last.kind != .freeze, last.start >= earliest,
      last.ending == .completed || last.ending == .instant
    {
      merge(finished.removeLast(), into: &opened)
    }
  }

  private func merge(_ inner: Episode, into outer: inout Episode) {
    outer.quiesceBegin = inner.quiesceBegin
    outer.quiesced = inner.quiesced
    outer.quiesceTimeout = inner.quiesceTimeout
    outer.resumeBegin = inner.resumeBegin
    outer.resumed = inner.resumed
    outer.checkpoint = inner.checkpoint
  }

  private mutating func failFreeze(_ event: BackupEvent) {
    withFreeze(event) { $0.freezeFailed = event }
    close(\.freeze, .failed)
  }

  private mutating func beginThaw(_ event: BackupEvent) {
    guard freeze != nil else {
      // Nothing frozen: kept for the "Already resumed" that follows.
      pendingThawBegin = event
      return
    }
    freeze!.thawBegin = freeze!.thawBegin ?? event
    thawing = freeze
    freeze = nil
  }

  /// A thaw failure: the write daemon stays suspended, so the freeze is open again (for the
  /// retry's thaw).
  private mutating func failThaw(_ event: BackupEvent) {
    if thawing != nil {
      freeze = thawing
      thawing = nil
    }
    withFreeze(event) { $0.thawFailed = $0.thawFailed ?? event }
  }

  private mutating func alreadyResumed(_ event: BackupEvent) {
    for slot in [\EpisodeBuilder.thawing, \EpisodeBuilder.freeze] where self[keyPath: slot] != nil {
      self[keyPath: slot]!.alreadyResumed = event
      // A freeze that never reported "System suspended" has failed; its thaw finding nothing
      // frozen confirms that nothing stayed frozen.
      self[keyPath: slot]!.isThawAfterFailure = self[keyPath: slot]!.frozen == nil
      close(slot, .alreadyResumed)
      return
    }
    // The pre-script's thaw after a failed freeze: ExternalThaw finds nothing frozen.
    if let index = finished.lastIndex(where: { $0.kind == .freeze }),
      finished[index].ending == .failed, finished[index].alreadyResumed == nil
    {
      finished[index].alreadyResumed = event
      finished[index].isThawAfterFailure = true
      if let pending = pendingThawBegin, pending.epochMilliseconds >= finished[index].start {
        finished[index].thawBegin = finished[index].thawBegin ?? pending
      }
      pendingThawBegin = nil
      return
    }
    var orphan = Episode(server: server, kind: .freeze, ending: .alreadyResumed)
    orphan.thawBegin = pendingThawBegin
    orphan.alreadyResumed = event
    pendingThawBegin = nil
    finished.append(orphan)
  }

  /// A thaw-begin seen while nothing was frozen, kept for the "Already resumed" that follows.
  private var pendingThawBegin: BackupEvent?

  /// Applies `update` to the open freeze, or to a new partial one when none is open (its
  /// beginning is before the evidence, or it was never logged).
  private mutating func withFreeze(_ event: BackupEvent, _ update: (inout Episode) -> Void) {
    if freeze == nil {
      freeze = Episode(server: server, kind: .freeze)
      if let pending = pendingThawBegin {
        freeze!.thawBegin = pending
        pendingThawBegin = nil
      }
    }
    update(&freeze!)
  }

  // MARK: quiesces and checkpoints

  private mutating func beginQuiesce(_ event: BackupEvent) {
    if freeze != nil && freeze!.quiesceBegin == nil && freeze!.resumed == nil {
      freeze!.quiesceBegin = event
      return
    }
    close(\.quiesce, .superseded)
    var opened = Episode(server: server, kind: .quiesce)
    opened.quiesceBegin = event
    quiesce = opened
  }

  private mutating func quiesceStep(_ event: BackupEvent) {
    if freeze != nil && (freeze!.isQuiesceOpen || (event.kind == .quiesced && freeze!.quiesced == nil)) {
      apply(event, to: &freeze!)
      return
    }
    if quiesce == nil {
      // A Resume with no quiesce open, or the rest of a quiesce begun before the evidence.
      quiesce = Episode(server: server, kind: .quiesce)
    }
    apply(event, to: &quiesce!)
    if event.kind == .resumed { close(\.quiesce, .completed) }
    if event.kind == .quiesceTimeout { close(\.quiesce, .failed) }
  }

  private func apply(_ event: BackupEvent, to episode: inout Episode) {
    switch event.kind {
    case .quiesced: episode.quiesced = episode.quiesced ?? event
    case .quiesceTimeout: episode.quiesceTimeout = episode.quiesceTimeout ?? event
    case .resumeBegin: episode.resumeBegin = episode.resumeBegin ?? event
    case .resumed: episode.resumed = episode.resumed ?? event
    default: break
    }
  }

  private mutating func checkpoint(_ event: BackupEvent) {
    if freeze != nil && freeze!.checkpoint == nil {
      freeze!.checkpoint = event
    } else if quiesce != nil && quiesce!.checkpoint == nil {
      quiesce!.checkpoint = event
    } else if let index = finished.indices.last, finished[index].kind == .quiesce,
      finished[index].checkpoint == nil, finished[index].ending == .completed,
      event.epochMilliseconds - finished[index].end <= Self.adoptionWindowMilliseconds
    {
      finished[index].checkpoint = event
    } else {
      var instant = Episode(server: server, kind: .checkpoint, ending: .instant)
      instant.checkpoint = event
      finished.append(instant)
    }
  }

  /// An unrecognised message joins the open episode of its class (a `General` method's the
  /// freeze, a `ShardedCluster` method's the quiesce, else the freeze); one outside every
  /// episode is kept apart, to be reported on its own.
  private mutating func unrecognised(_ event: BackupEvent) {
    let isGeneral = event.method?.hasPrefix("General.") ?? false
    let slots: [WritableKeyPath<EpisodeBuilder, Episode?>] =
      isGeneral ? [\.thawing, \.freeze, \.quiesce] : [\.quiesce, \.freeze, \.thawing]
    for slot in slots where self[keyPath: slot] != nil {
      self[keyPath: slot]!.unrecognised.append(event)
      return
    }
    strayUnrecognised.append(event)
  }

  private mutating func restart(_ event: BackupEvent) {
    if freeze != nil {
      freeze!.restart = event
      close(\.freeze, .restart)
    }
    if quiesce != nil {
      quiesce!.restart = event
      close(\.quiesce, .restart)
    }
  }

  private mutating func close(_ slot: WritableKeyPath<EpisodeBuilder, Episode?>, _ ending: EpisodeEnding) {
    guard var closing = self[keyPath: slot] else { return }
    closing.ending = ending
    finished.append(closing)
    self[keyPath: slot] = nil
  }
}
