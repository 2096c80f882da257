import Foundation

/// The ordinary messages of a running instance, as templates compiled once into bytes.
///
/// A template's text may hold `{a-b}` (a number in that range), `{x|y|z}` (one of the
/// choices) and `{pid}` (the logging process); a `\n` starts a continuation line. None of
/// them is a backup event: the catalogue test checks that no template contains the wording
/// of one.
struct NoiseCatalogue: Sendable {
  /// One piece of a compiled template.
  enum Part: Sendable {
    case text([UInt8])
    case number(Int, Int)
    case choice([[UInt8]])
    case pid
  }

  /// A compiled template.
  struct Template: Sendable {
    var severity: UInt8
    /// The category's name as bytes, or nil for an entry without a category.
    var category: [UInt8]?
    var parts: [Part]
    /// Logged by a daemon of the instance (true) or a user process.
    var isDaemon: Bool
  }

  /// The raw definitions: weight, severity, category (empty: none), daemon?, text.
  static let definitions: [(Int, UInt8, String, Bool, String)] = [
    (40, 0, "Utility.Event", true, "LMF Info:  Licensed for {32|64|128} users."),
    (
      10, 0, "Utility.Event", true, "LMF Info:  Connected to license server 10.1.{0-9}.{2-250},4002"
    ),
    (
      6, 1, "Utility.Event", true, "LMF Warning:  License units in use reached {80-90}% of capacity"
    ),
    (
      30, 0, "Utility.Event", false,
      "%SYS.Task: Task 'Purge Tasks' (ID {1-9}) completed successfully"
    ),
    (20, 0, "Utility.Event", false, "%SYS.Task: Task 'Switch Journal Report' (ID 1{0-9}) started"),
    (
      25, 0, "Utility.Event", false,
      "%SYS.Task: Task 'Integrity Check' (ID 2{0-9}) completed in {12-900} seconds"
    ),
    (
      30, 0, "Generic.Event", true,
      "ECP: Connection to data server 10.1.{0-9}.{2-250}:1972 established"
    ),
    (
      8, 1, "Generic.Event", true,
      "ECP: Lost connection to data server 10.1.{0-9}.{2-250}:1972, retrying"
    ),
    (
      20, 0, "Utility.Event", true,
      "MirrorServer: Received acknowledgement from backup member {MIRRORA|MIRRORB} (latency {1-40} ms)"
    ),
    (
      10, 0, "Generic.Event", true, "Mirror: {CLUSTERMIRROR} member {MIRRORA|MIRRORB} is now Active"
    ),
    (
      4, 1, "Generic.Event", true,
      "Mirror: Arbiter connection lost, mirror is operating in agent-controlled mode"
    ),
    (4, 0, "Generic.Event", true, "Mirror: Arbiter connection restored"),
    (
      25, 1, "SYSTEM MONITOR", true,
      "DiskPercentFull Warning: Disk usage for {/iris/db/app/|/iris/db/audit/|/iris/journal1/} is {81-89}% (Warning: 80%)"
    ),
    (
      8, 2, "SYSTEM MONITOR", true,
      "CPUusage Alert: CPUusage = {91-99}, {91-99}, {91-99} (Max value is 85)."
    ),
    (
      12, 1, "SYSTEM MONITOR", true,
      "JournalGrowthRate Warning: Journal growth rate {21-60} MB/min above normal"
    ),
    (6, 0, "SYSTEM MONITOR", true, "CPUusage Normal: CPUusage = {10-60}"),
    (
      35, 0, "Utility.Event", false,
      "Audit: Login success for user {_SYSTEM|appuser|batch|reporting} from 10.2.{0-9}.{2-250}"
    ),
    (
      10, 1, "Utility.Event", false,
      "Audit: Login failure for user {admin|root|test} from 10.9.{0-9}.{2-250}: invalid password"
    ),
    (
      25, 0, "Utility.Event", false,
      "CSP Gateway: request for /csp/{app|api|reports}/ completed in {10-900} ms"
    ),
    (
      8, 1, "Utility.Event", false,
      "CSP Gateway: request for /csp/{app|api}/ timed out after {30-60} seconds"
    ),
    (
      12, 2, "Utility.Event", false,
      "Error logged for process {pid}: <UNDEFINED>zProcess+{2-40}^App.Worker.1 *order"
    ),
    (
      5, 2, "Utility.Event", false,
      "Error logged for process {pid}: <STORE>zAllocate+7^App.Cache.1\n    Stack: zAllocate+7^App.Cache.1 -> zRun+22^App.Main.1\n    Process memory limit: {256|512} MB"
    ),
    (
      20, 0, "Utility.Event", true,
      "Purging journal file /iris/journal{1|2}/202{1|2}0{1-9}{10-28}.00{1-9} (older than 2 days)"
    ),
    (15, 0, "Generic.Event", true, "WRTDMN: {100-99999} blocks written in {1-12} passes"),
    (10, 0, "Generic.Event", true, "JRNDMN: journal buffer flush took {1-90} ms"),
    (
      15, 0, "Generic.Event", false,
      "Compiled class App.Model.{Order|Invoice|Customer|Ledger} ({1-40} routines)"
    ),
    (
      10, 0, "Utility.Event", false,
      "Interoperability: production App.Production item {Inbound|Router|Outbound} restarted"
    ),
    (
      20, 0, "Utility.Event", true,
      "Sharding: shard {1-8} heartbeat from master data server received in {1-30} ms"
    ),
    (4, 1, "Utility.Event", true, "Sharding: shard {1-8} heartbeat late ({2-9} s)"),
    (10, 0, "Generic.Event", true, "Expanded database /iris/db/{app|audit}/ by {10-500} MB"),
    (
      6, 1, "Generic.Event", true,
      "Database /iris/db/{app|audit}/ approaching maximum size ({90-98}%)"
    ),
    (8, 0, "Utility.Event", false, "Lock table usage {1-60}% ({100-9000} entries)"),
    (6, 1, "Utility.Event", false, "Lock table full: process {pid} waited {1-30} seconds"),
    (10, 0, "", true, "$ZF(-100) ret={0|1}"),
    (
      6, 0, "Utility.Event", false,
      "Task 'Backup Report' (ID {30-39}) produced report /iris/reports/backup-{1-31}.txt"
    ),
    (6, 0, "Generic.Event", true, "Global buffer pool: {1000-9000} MB, {60-95}% in use"),
    (4, 1, "Generic.Event", true, "Process {pid} exceeded its memory limit and was terminated"),
    (5, 0, "Utility.Event", true, "Log file directory: /usr/irissys/mgr/, size {1-90} MB"),
    (
      3, 2, "Generic.Event", true,
      "Network: TCP connection reset by peer 10.3.{0-9}.{2-250}:{1024-65000}"
    ),
  ]

  let templates: [Template]
  /// Running sums of the weights, for drawing a template.
  let cumulativeWeights: [Int]
  var totalWeight: Int { cumulativeWeights.last ?? 0 }

  /// Compiles `definitions` (the ordinary messages unless told otherwise); `escaped` writes
  /// their newlines as `\n`, for the structured layouts (no template holds a quote or a
  /// backslash).
  init(
    definitions: [(Int, UInt8, String, Bool, String)] = NoiseCatalogue.definitions,
    escaped: Bool = false
  ) {
    var templates: [Template] = []
    var sums: [Int] = []
    var total = 0
    for (weight, severity, category, isDaemon, text) in definitions {
      let source = escaped ? text.replacingOccurrences(of: "\n", with: "\\n") : text
      templates.append(
        Template(
          severity: severity,
          category: category.isEmpty ? nil : Array(category.utf8),
          parts: NoiseCatalogue.compile(source), isDaemon: isDaemon))
      total += weight
      sums.append(total)
    }
    self.templates = templates
    cumulativeWeights = sums
  }

  /// The template for a draw in `0..<totalWeight`.
  func template(for draw: Int) -> Template {
    var low = 0
    var high = cumulativeWeights.count - 1
    while low < high {
      let middle = (low + high) / 2
      if cumulativeWeights[middle] > draw { high = middle } else { low = middle + 1 }
    }
    return templates[low]
  }

  static func compile(_ text: String) -> [Part] {
    var parts: [Part] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      if open > rest.startIndex { parts.append(.text(Array(rest[..<open].utf8))) }
      let field = rest[rest.index(after: open)..<close]
      let bounds = field.split(separator: "-")
      if field == "pid" {
        parts.append(.pid)
      } else if bounds.count == 2, let low = Int(bounds[0]), let high = Int(bounds[1]) {
        parts.append(.number(low, high))
      } else {
        parts.append(.choice(field.split(separator: "|").map { Array($0.utf8) }))
      }
      rest = rest[rest.index(after: close)...]
    }
    if !rest.isEmpty { parts.append(.text(Array(rest.utf8))) }
    return parts
  }
}
