/// The kinds of backup session (SPEC §4).
public enum SessionKind: String, Sendable, Codable, CaseIterable {
  /// Approach 3: freezes with a coordinated checkpoint.
  case clusterFreeze = "cluster-freeze"
  /// Approach 2: `Backup.ShardedCluster` quiesce/resume windows.
  case clusterQuiesce = "cluster-quiesce"
  /// Approach 1: a coordinated checkpoint outside any freeze.
  case journalCheckpoint = "journal-checkpoint"
  /// A `Backup.General` freeze on one instance without a cluster checkpoint.
  case instanceFreeze = "instance-freeze"

  /// True for the kinds every member of the cluster takes part in.
  public var isClusterWide: Bool { self != .instanceFreeze }
}
