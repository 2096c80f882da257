import TestSupport

// The scenarios the rules' tests share: small hand-made logs, each test breaking one thing.

/// A master and a shard whose logs cover 0 to 4000 s, with `edit`'s lines between.
func cluster(_ edit: (inout TestLog, inout TestLog) -> Void) -> [String: TestLog] {
  TestLog.cluster(edit)
}

/// A cluster freeze at 100 s on the master, whose log covers 0 to 4000 s; the shard's log
/// covers only 3000 to 4000 s, so nothing says whether it took part.
var clusterWithLateShard: [String: TestLog] {
  var master = TestLog()
  master.noise(0)
  master.clusterFreeze(at: 100)
  master.noise(4000)
  var shard = TestLog()
  shard.noise(3000)
  shard.noise(4000)
  return ["master": master, "shard1": shard]
}

/// Approach 2: Quiesce, backups, Resume from one job on every data server; quiesced at
/// `second + 1`, resumed `length + 0.1` seconds later.
func quiesce(_ log: inout TestLog, at second: Double, length: Double, pid: Int = 400) {
  log.add(second, "Backup.ShardedCluster.Quiesce: Quiescing system", pid: pid)
  log.add(second + 1, "Backup.ShardedCluster.Quiesce: System quiesced", pid: pid)
  log.add(second + 1 + length, "Backup.ShardedCluster.Resume: Resuming system", pid: pid)
  log.add(second + 1.1 + length, "Backup.ShardedCluster.Resume: System resumed", pid: pid)
}

/// `vm1`'s log from 0 s: an instance freeze begun at 100 s and suspended at 100.5 s, then
/// `edit`'s lines (a thaw, a crash, the end of the log).
func frozenServer(_ edit: (inout TestLog) -> Void) -> [String: TestLog] {
  var log = TestLog()
  log.noise(0)
  log.add(100, "Backup.General.ExternalFreeze: Suspending system")
  log.add(100.5, "Backup.General.ExternalFreeze: System suspended")
  edit(&log)
  return ["vm1": log]
}

/// `frozenServer` thawed `duration` seconds after the freeze began, its log covering 0 to
/// 2000 s: healthy unless `duration` is past the freeze timeout.
func thawedFreeze(lasting duration: Double = 60) -> [String: TestLog] {
  frozenServer { log in
    log.add(100 + duration, "Backup.General.ExternalThaw: System resumed", pid: 101)
    log.noise(2000)
  }
}
