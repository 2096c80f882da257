import BackupEvents

/// An episode still being built: the steps taken so far, the restart that may end it and the
/// unrecognised lines logged meanwhile. Becomes an `Episode` when it closes.
struct EpisodeDraft {
  var body: EpisodeBody
  var restart: BackupEvent?
  var unrecognised: [BackupEvent] = []

  /// An empty freeze or quiesce.
  init(_ body: EpisodeBody) {
    self.body = body
  }

  /// The freeze's steps, changed by `change`; a draft that is no freeze is left as it is.
  mutating func withFreeze(_ change: (inout FreezeSteps) -> Void) {
    guard case .freeze(var steps) = body else { return }
    change(&steps)
    body = .freeze(steps)
  }

  /// The quiesce's steps (a freeze's inner ones), changed by `change`.
  mutating func withQuiesce(_ change: (inout QuiesceSteps) -> Void) {
    switch body {
    case .freeze(var steps):
      change(&steps.inner)
      body = .freeze(steps)
    case .quiesce(var steps):
      change(&steps)
      body = .quiesce(steps)
    case .checkpoint: break
    }
  }

  var freeze: FreezeSteps? {
    if case .freeze(let steps) = body { steps } else { nil }
  }

  var quiesce: QuiesceSteps? {
    switch body {
    case .freeze(let steps): steps.inner
    case .quiesce(let steps): steps
    case .checkpoint: nil
    }
  }

  /// The earliest instant logged so far.
  var start: Int64 {
    let own: [BackupEvent?] =
      switch body {
      case .freeze(let steps): steps.events
      case .quiesce(let steps): steps.events
      case .checkpoint(let event): [event]
      }
    return (own.compactMap { $0 } + unrecognised).map(\.epochMilliseconds).min() ?? 0
  }

  /// The finished episode of `server`.
  func episode(server: String, ending: EpisodeEnding) -> Episode {
    Episode(
      server: server, body: body, ending: ending, restart: restart, unrecognised: unrecognised)
  }
}
