import BackupAudit
import ClusterSimulation

/// Pairs the audit's sessions with the truth's one to one: same kind, starts within 5 s. A
/// truth session the audit splits in two, or two it merges into one, leaves a session on
/// either side without a partner, and that is a disagreement; so is a paired session whose
/// verdict differs from the truth's.
struct SessionPairing {
  /// How far apart the starts of paired sessions may be (members' clocks, and an audit that
  /// starts a session at a line the truth does not count as its first).
  static let startSlack: Int64 = 5_000

  /// The truth session each paired audit session is (audit id → truth id).
  private(set) var truthID: [String: String] = [:]
  /// One line per unpaired session and per verdict that differs.
  private(set) var issues: [String] = []

  init(truth: [SimulationTruth.Session], audit: [Session]) {
    var unpaired = audit.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
    for session in truth.sorted(by: { ($0.start, $0.id) < ($1.start, $1.id) }) {
      let candidates = unpaired.indices.filter { index in
        unpaired[index].kind.rawValue == session.kind
          && abs(unpaired[index].start - session.start) <= SessionPairing.startSlack
      }
      guard
        let best = candidates.min(by: {
          abs(unpaired[$0].start - session.start) < abs(unpaired[$1].start - session.start)
        })
      else {
        issues.append(
          "session \(session.id) \(session.kind) \(SimulatorAgreement.rfc3339(session.start)): "
            + "unmatched")
        continue
      }
      let partner = unpaired.remove(at: best)
      truthID[partner.id] = session.id
      if partner.verdict.rawValue != session.verdict {
        issues.append(
          "session \(session.id) \(session.kind) \(SimulatorAgreement.rfc3339(session.start)): "
            + "verdict \(partner.verdict.rawValue), truth \(session.verdict)")
      }
    }
    for session in unpaired {
      issues.append(
        "audit session \(session.id) \(session.kind.rawValue) "
          + "\(SimulatorAgreement.rfc3339(session.start)) has no truth session")
    }
  }
}
