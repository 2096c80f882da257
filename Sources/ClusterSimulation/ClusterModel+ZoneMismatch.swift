/// `zone-mismatch`: `cluster.toml` gives one server a wrong zone. The server still writes its
/// log in its true zone, and its `instance-start` lines state its UTC time, so a correct audit
/// warns and corrects that server's times by the offset the lines imply: the truth's times
/// stay those of the true zone.
extension ClusterModel {
  /// Zones an operator may mistake for a server's true zone: the same DST rules and another
  /// offset, so the difference between the two readings is one constant.
  static let mistakenZones: [String: [String]] = [
    "UTC": ["Asia/Kolkata", "Asia/Tokyo"],
    "Asia/Kolkata": ["UTC"],
    "Asia/Tokyo": ["UTC", "Asia/Kolkata"],
    "Europe/Berlin": ["Europe/London"],
    "Europe/Paris": ["Europe/London"],
    "Europe/London": ["Europe/Berlin"],
    "Europe/Helsinki": ["Europe/Berlin"],
    "America/New_York": ["America/Chicago"],
    "America/Chicago": ["America/New_York"],
  ]

  /// Picks the server (a shard when one qualifies) and the wrong zone, when requested or at
  /// random. Only pairs whose constant correction gives every event of the
  /// server its true instant qualify: no event falls in the hour where two zones' DST changes
  /// differ, or in an hour either zone repeats or skips.
  mutating func stageZoneMismatch(requested: Bool) throws(SimulationError) {
    // At random, half as often as the nightly faults: it concerns a whole corpus.
    guard requested || rng.chance(configuration.faultRate / 2) else { return }
    var pairs: [(server: Int, zone: String)] = []
    for server in servers.indices {
      for identifier in ClusterModel.mistakenZones[servers[server].zone.identifier] ?? [] {
        guard
          let zone = ZoneTable(
            identifier: identifier, from: start - 2 * ClusterModel.day,
            to: end + 2 * ClusterModel.day),
          zone.transitions.count == servers[server].zone.transitions.count,
          readsBack(server, in: zone)
        else { continue }
        pairs.append((server, identifier))
      }
    }
    let shards = pairs.filter { $0.server > 0 }
    let candidates = shards.isEmpty ? pairs : shards
    guard !candidates.isEmpty else {
      if requested {
        throw .invalidConfiguration(
          "zone-mismatch needs a server in one of the zones "
            + ClusterModel.mistakenZones.keys.sorted().joined(separator: ", "))
      }
      return
    }
    let pair = rng.pick(candidates)
    mismatchedServer = pair.server
    configuredZones[pair.server] = pair.zone
  }

  /// The written evidence's first `instance-start` entry of a server, if it has one.
  func firstInstanceStart(_ server: Int) -> LogEntry? {
    servers[server].entries.filter { entry in
      entry.event == "instance-start" && entry.time >= evidenceStart[server]
        && entry.time < evidenceEnd[server]
    }.min { $0.time < $1.time }
  }

  /// True when reading the server's events in `zone`, then correcting by the offset its first
  /// `instance-start` states, gives every event the instant the truth gives it.
  func readsBack(_ server: Int, in zone: ZoneTable) -> Bool {
    let model = servers[server]
    guard let first = firstInstanceStart(server) else { return false }
    func local(_ entry: LogEntry) -> Int64 {
      let exact = model.zone.local(model.clock.shown(entry.time))
      return entry.shape == .recoveryBlock ? TimeText.floorDivide(exact, 1000) * 1000 : exact
    }
    let correction = model.clock.shown(first.time) - zone.instant(local: local(first))
    return model.entries.allSatisfy { entry in
      guard entry.event != nil, entry.time >= evidenceStart[server],
        entry.time < evidenceEnd[server]
      else { return true }
      let written = local(entry)
      let unclear = { (table: ZoneTable) in
        table.isAmbiguous(local: written) || table.isSkipped(local: written)
      }
      return !unclear(model.zone) && !unclear(zone)
        && zone.instant(local: written) + correction == model.zone.instant(local: written)
    }
  }
}
