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
  /// The open freeze: begun, no thaw begun since. Invariant: a `.freeze` draft.
  private var freeze: EpisodeDraft?
  /// The freeze whose thaw began and is not confirmed yet; never set together with `freeze`.
  private var thawing: EpisodeDraft?
  /// The open quiesce outside any freeze. Invariant: a `.quiesce` draft.
  private var quiesce: EpisodeDraft?
  private var finished: [Episode] = []
  /// A thaw-begin seen while nothing was frozen, kept for the "Already resumed" that follows.
  private var pendingThawBegin: BackupEvent?
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
    case .frozen: openFreeze { if $0.frozen == nil { $0.frozen = event } }
    case .freezeJournalFile: freeze?.withFreeze { $0.journalFile = $0.journalFile ?? event }
    case .unjournaledDatabase, .unjournaledSummary: freeze?.withFreeze { $0.unjournaled.append(event) }
    case .freezeFailed:
      openFreeze { $0.failed = event }
      close(\.freeze, .failed)
    case .thawBegin: beginThaw(event)
    case .thawed:
      if thawing != nil {
        thawing!.withFreeze { $0.thawed = event }
        close(\.thawing, .completed)
      } else {
        openFreeze { $0.thawed = event }
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
      freeze!.withFreeze { $0.overlapping.append(event) }
      return
    }
    var steps = FreezeSteps()
    steps.begin = event
    var opened = EpisodeDraft(.freeze(steps))
    adoptQuiesce(into: &opened, before: event.epochMilliseconds)
    freeze = opened
  }

  /// Moves a quiesce or checkpoint that began just before the freeze into it.
  private mutating func adoptQuiesce(into opened: inout EpisodeDraft, before instant: Int64) {
    let earliest = instant - Self.adoptionWindowMilliseconds
    if let open = quiesce, open.start >= earliest {
      if let steps = open.quiesce { opened.withQuiesce { $0 = steps } }
      opened.unrecognised += open.unrecognised
      quiesce = nil
      return
    }
    if let last = finished.last, last.kind != .freeze, last.start >= earliest,
      last.ending == .completed || last.ending == .instant
    {
      finished.removeLast()
      switch last.body {
      case .quiesce(let steps): opened.withQuiesce { $0 = steps }
      case .checkpoint(let event): opened.withQuiesce { $0.checkpoint = event }
      case .freeze: break
      }
      opened.unrecognised += last.unrecognised
    }
  }

  private mutating func beginThaw(_ event: BackupEvent) {
    guard freeze != nil else {
      pendingThawBegin = event
      return
    }
    freeze!.withFreeze { $0.thawBegin = $0.thawBegin ?? event }
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
    openFreeze { $0.thawFailed = $0.thawFailed ?? event }
  }

  private mutating func alreadyResumed(_ event: BackupEvent) {
    for slot in [\EpisodeBuilder.thawing, \EpisodeBuilder.freeze] where self[keyPath: slot] != nil {
      self[keyPath: slot]!.withFreeze { steps in
        steps.alreadyResumed = event
        // A freeze that never reported "System suspended" has failed; its thaw finding
        // nothing frozen confirms that nothing stayed frozen.
        steps.isThawAfterFailure = steps.frozen == nil
      }
      close(slot, .alreadyResumed)
      return
    }
    // The pre-script's thaw after a failed freeze: ExternalThaw finds nothing frozen.
    if let index = finished.lastIndex(where: { $0.kind == .freeze }),
      finished[index].ending == .failed, finished[index].freeze?.alreadyResumed == nil
    {
      let start = finished[index].start
      let pending = pendingThawBegin.flatMap { $0.epochMilliseconds >= start ? $0 : nil }
      finished[index].update { body in
        guard case .freeze(var steps) = body else { return }
        steps.alreadyResumed = event
        steps.isThawAfterFailure = true
        steps.thawBegin = steps.thawBegin ?? pending
        body = .freeze(steps)
      }
      pendingThawBegin = nil
      return
    }
    var orphan = FreezeSteps()
    orphan.thawBegin = pendingThawBegin
    orphan.alreadyResumed = event
    pendingThawBegin = nil
    finished.append(Episode(server: server, body: .freeze(orphan), ending: .alreadyResumed))
  }

  /// Applies `change` to the open freeze, or to a new partial one when none is open (its
  /// beginning is before the evidence, or it was never logged).
  private mutating func openFreeze(_ change: (inout FreezeSteps) -> Void) {
    if freeze == nil {
      var steps = FreezeSteps()
      steps.thawBegin = pendingThawBegin
      pendingThawBegin = nil
      freeze = EpisodeDraft(.freeze(steps))
    }
    freeze!.withFreeze(change)
  }

  // MARK: quiesces and checkpoints

  private mutating func beginQuiesce(_ event: BackupEvent) {
    if let inner = freeze?.quiesce, inner.begin == nil && inner.resumed == nil {
      freeze!.withQuiesce { $0.begin = event }
      return
    }
    close(\.quiesce, .superseded)
    var steps = QuiesceSteps()
    steps.begin = event
    quiesce = EpisodeDraft(.quiesce(steps))
  }

  private mutating func quiesceStep(_ event: BackupEvent) {
    if let inner = freeze?.quiesce, inner.isOpen || (event.kind == .quiesced && inner.quiesced == nil) {
      freeze!.withQuiesce { Self.apply(event, to: &$0) }
      return
    }
    if quiesce == nil {
      // A Resume with no quiesce open, or the rest of a quiesce begun before the evidence.
      quiesce = EpisodeDraft(.quiesce(QuiesceSteps()))
    }
    quiesce!.withQuiesce { Self.apply(event, to: &$0) }
    if event.kind == .resumed { close(\.quiesce, .completed) }
    if event.kind == .quiesceTimeout { close(\.quiesce, .failed) }
  }

  private static func apply(_ event: BackupEvent, to steps: inout QuiesceSteps) {
    switch event.kind {
    case .quiesced: steps.quiesced = steps.quiesced ?? event
    case .quiesceTimeout: steps.timeout = steps.timeout ?? event
    case .resumeBegin: steps.resumeBegin = steps.resumeBegin ?? event
    case .resumed: steps.resumed = steps.resumed ?? event
    default: break
    }
  }

  private mutating func checkpoint(_ event: BackupEvent) {
    if freeze?.quiesce?.checkpoint == nil && freeze != nil {
      freeze!.withQuiesce { $0.checkpoint = event }
    } else if quiesce != nil && quiesce?.quiesce?.checkpoint == nil {
      quiesce!.withQuiesce { $0.checkpoint = event }
    } else if let index = finished.indices.last, finished[index].kind == .quiesce,
      finished[index].checkpoint == nil, finished[index].ending == .completed,
      event.epochMilliseconds - finished[index].end <= Self.adoptionWindowMilliseconds
    {
      finished[index].update { body in
        guard case .quiesce(var steps) = body else { return }
        steps.checkpoint = event
        body = .quiesce(steps)
      }
    } else {
      finished.append(Episode(server: server, body: .checkpoint(event), ending: .instant))
    }
  }

  // MARK: restarts and unknown wordings

  /// An unrecognised message joins the open episode of its class (a `General` method's the
  /// freeze, a `ShardedCluster` method's the quiesce, else the freeze); one outside every
  /// episode is kept apart, to be reported on its own.
  private mutating func unrecognised(_ event: BackupEvent) {
    let isGeneral = event.method?.hasPrefix("General.") ?? false
    let slots: [WritableKeyPath<EpisodeBuilder, EpisodeDraft?>] =
      isGeneral ? [\.thawing, \.freeze, \.quiesce] : [\.quiesce, \.freeze, \.thawing]
    for slot in slots where self[keyPath: slot] != nil {
      self[keyPath: slot]!.unrecognised.append(event)
      return
    }
    strayUnrecognised.append(event)
  }

  private mutating func restart(_ event: BackupEvent) {
    for slot in [\EpisodeBuilder.freeze, \EpisodeBuilder.quiesce] where self[keyPath: slot] != nil {
      self[keyPath: slot]!.restart = event
      close(slot, .restart)
    }
  }

  private mutating func close(
    _ slot: WritableKeyPath<EpisodeBuilder, EpisodeDraft?>, _ ending: EpisodeEnding
  ) {
    guard let closing = self[keyPath: slot] else { return }
    finished.append(closing.episode(server: server, ending: ending))
    self[keyPath: slot] = nil
  }
}
