import BackupAudit

/// The limit a session's windows must stay within, as its timeline draws it: the freeze
/// timeout from each freeze's begin, or the longest quiesce from each quiesced; a journal
/// checkpoint has none.
struct TimelineLimit {
  /// The limit's name in captions and tooltips.
  let name: String
  let milliseconds: Int64
  /// The share of the limit past which a freeze is reported as near it; nil for a quiesce.
  let nearFraction: Double?
  /// True for a freeze timeout, false for the longest quiesce.
  let isFreeze: Bool

  /// The limit of sessions of `kind`, or nil when none applies.
  init?(_ kind: SessionKind, configuration: AuditConfiguration) {
    switch kind {
    case .clusterFreeze, .instanceFreeze:
      name = "freeze timeout"
      milliseconds = configuration.freezeTimeoutMilliseconds
      nearFraction = configuration.nearTimeoutFraction
      isFreeze = true
    case .clusterQuiesce:
      name = "longest quiesce"
      milliseconds = configuration.maxQuiesceMilliseconds
      nearFraction = nil
      isFreeze = false
    case .journalCheckpoint:
      return nil
    }
  }

  /// Where `member`'s window starts counting towards the limit.
  func begin(of member: SessionMember) -> Int64? {
    isFreeze ? member.freezeBegin ?? member.frozen : member.quiesced
  }

  /// When `member`'s window reaches the limit.
  func end(of member: SessionMember) -> Int64? {
    begin(of: member).map { $0 + milliseconds }
  }

  /// How long `member`'s window lasted, when it ended.
  func duration(of member: SessionMember) -> Int64? {
    guard let begin = begin(of: member), let end = isFreeze ? member.thawed : member.resumed
    else { return nil }
    return end - begin
  }

  /// Every instant `member` logged.
  static func instants(_ member: SessionMember) -> [Int64] {
    [
      member.freezeBegin, member.frozen, member.thawBegin, member.thawed, member.quiesced,
      member.resumed,
    ].compactMap { $0 }
  }
}
