/// Daytime life between the nightly backups: occasional crashes and maintenance restarts,
/// and the noise faults, none of which is a backup finding.
extension ClusterModel {
  /// Runs one day's events, from 10:00 UTC on, well away from the backup windows.
  mutating func runDaytime(night: Int, noise: [FaultKind], at morning: Int64) {
    for index in servers.indices {
      let time = morning + 30 * ClusterModel.minute + rng.int64(in: 0...ClusterModel.hour)
      if rng.chance(0.03) {
        servers[index].crash(time)
        servers[index].restart(time + rng.int64(in: 2...8) * ClusterModel.minute, afterCrash: true)
      } else if rng.chance(0.03) {
        servers[index].shutDown(time)
        servers[index].restart(time + rng.int64(in: 1...4) * ClusterModel.minute, afterCrash: false)
      }
    }
    for fault in noise {
      let server = rng.below(servers.count)
      switch fault {
      case .decoyLines: writeDecoys(on: server, at: morning + 2 * ClusterModel.hour)
      case .writeDaemonDied: killWriteDaemon(on: server, at: morning + 3 * ClusterModel.hour)
      case .severeNoise: writeSevereBurst(on: server, at: morning + 4 * ClusterModel.hour)
      default: break
      }
    }
  }

  /// Lines that mention ExternalFreeze and Backup.General without being backup events.
  mutating func writeDecoys(on server: Int, at base: Int64) {
    let time = base + rng.int64(in: 0...(20 * ClusterModel.minute))
    servers[server].advance(to: time)
    let task = servers[server].newPid()
    let query = servers[server].newPid()
    let lines: [(Int64, Int, String)] = [
      (0, task, "Task 'ExternalFreeze check' (ID 1005) started"),
      (1_250, task, "Task 'ExternalFreeze check' (ID 1005) completed: no backup is running"),
      (
        9_000, query, "Backup.General status query from job \(query): write daemon is not suspended"
      ),
      (9_400, query, "%SYS.Task: next run of 'ExternalFreeze check' scheduled for tomorrow 12:00"),
    ]
    for (offset, pid, text) in lines {
      servers[server].log(time + offset, pid: pid, text)
    }
  }

  /// The write daemon dies (`Daemon WRTDMN (pid …) died. Freezing system`): the instance
  /// hangs and is forced down, then restarts with recovery. Not a backup freeze.
  mutating func killWriteDaemon(on server: Int, at base: Int64) {
    let time = base + rng.int64(in: 0...(20 * ClusterModel.minute))
    servers[server].advance(to: time)
    let writeDaemon = servers[server].daemonPids[1]
    servers[server].log(
      time, pid: servers[server].daemonPids[0], severity: 3,
      category: BackupMessages.generic,
      "Daemon WRTDMN (pid \(writeDaemon)) died. Freezing system")
    servers[server].log(
      time + 15_000, pid: servers[server].daemonPids[0], severity: 2,
      "System hung: forcing down the instance")
    servers[server].crash(time + rng.int64(in: 30_000...120_000))
    servers[server].restart(time + rng.int64(in: 3...6) * ClusterModel.minute, afterCrash: true)
  }

  /// A burst of ordinary severe errors from application processes.
  mutating func writeSevereBurst(on server: Int, at base: Int64) {
    var time = base + rng.int64(in: 0...(20 * ClusterModel.minute))
    servers[server].advance(to: time)
    let errors = [
      "<STORE>zAllocate+7^App.Cache.1 *Not enough memory for process",
      "<UNDEFINED>zProcess+12^App.Worker.1 *order",
      "<PROTECT>zWrite+3^App.Import.1 ^Data.Ledger,/iris/db/app/",
      "<FILEFULL>zSet+2^App.Batch.1 ^Audit.Trail,/iris/db/audit/",
    ]
    for _ in 0..<rng.int(in: 6...14) {
      let pid = servers[server].newPid()
      servers[server].log(
        time, pid: pid, severity: 2,
        "Error logged for process \(pid): \(rng.pick(errors))")
      time += rng.int64(in: 5_000...60_000)
    }
  }
}
