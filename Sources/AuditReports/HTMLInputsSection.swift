import BackupAudit

/// The HTML report's evidence of what was read: a row per input file with its size, SHA-256,
/// span, entries and what could not be read, then a row per server with its zone and span.
struct HTMLInputsSection {
  let report: AuditReport

  /// The inputs table, then the servers table.
  func nodes() -> [HTMLNode] {
    let result = report.result
    return [
      HTMLMarkup.element(
        "h2", [("id", "inputs")], [HTMLMarkup.text("Inputs (\(result.inputs.count))")]),
      HTMLTable(
        columns: [
          "Server", "File", "Bytes", "SHA-256", "First and last entry", "Entries",
          "Unparsed lines", "Notes",
        ],
        columnClasses: [1: "path", 2: "number", 3: "time", 4: "time", 5: "number", 6: "number"],
        rows: result.inputs.map { HTMLTable.Row(cells: inputCells($0)) }
      ).render(),
      HTMLMarkup.element("h3", [], [HTMLMarkup.text("Servers (\(result.servers.count))")]),
      HTMLTable(
        columns: ["Server", "Time zone", "Offset its log states", "Logs from", "Logs to", "Role"],
        columnClasses: [3: "time", 4: "time"],
        rows: result.servers.map { server in
          let cells = [
            server.name, server.timeZone, server.statedUTCOffset.map { "UTC\($0)" } ?? "—",
            HTMLFormat.time(server.from),
            HTMLFormat.time(server.to), server.isRestored ? "restored copy" : "production",
          ]
          return HTMLTable.Row(cells: cells.map { [HTMLMarkup.text($0)] })
        }
      ).render(),
    ]
  }

  private func inputCells(_ input: AuditInput) -> [[HTMLNode]] {
    var size = [HTMLMarkup.text(HTMLFormat.grouped(input.bytes))]
    if input.decodedBytes != input.bytes {
      size.append(
        HTMLMarkup.element(
          "div", [("class", "note")],
          [HTMLMarkup.text("\(HTMLFormat.grouped(input.decodedBytes)) decoded")]))
    }
    var digest: [HTMLNode] = [
      input.sha256.map { digest in
        HTMLMarkup.element("code", [("class", "hash")], [HTMLMarkup.text(digest)])
      } ?? HTMLMarkup.element("span", [("class", "muted")], [HTMLMarkup.text("not computed")])
    ]
    // A file read in part: the hash of the part, said to be so.
    if input.sha256 == nil, let reading = input.reading, let part = reading.sha256 {
      digest = [
        HTMLMarkup.element("code", [("class", "hash")], [HTMLMarkup.text(part)]),
        HTMLMarkup.element(
          "div", [("class", "note")], [HTMLMarkup.text("of \(reading.hashedBytes)")]),
      ]
    }
    var notes = [
      (input.duplicateEntries, "duplicate entry"), (input.truncatedLines, "truncated line"),
      (input.binaryLines, "binary line"), (input.outOfOrderEntries, "out-of-order entry"),
      (input.impossibleTimestamps, "impossible timestamp"),
      (input.matchErrors, "entry PCRE2 could not match"),
    ].filter { $0.0 > 0 }.map { HTMLMarkup.text(HTMLFormat.counted($0.0, $0.1)) }
    if let source = input.legacyYearSource { notes.append(HTMLMarkup.text("year: \(source)")) }
    if let reading = input.reading { notes.append(HTMLMarkup.text(reading.note)) }
    if let failure = input.failure {
      notes.insert(
        HTMLMarkup.element("span", [("class", "failure")], [HTMLMarkup.text(failure)]), at: 0)
    }
    return [
      [HTMLMarkup.text(input.server)],
      [HTMLMarkup.element("code", [("class", "path")], [HTMLMarkup.text(input.path)])],
      size,
      digest,
      [
        HTMLMarkup.element(
          "div", [], [HTMLMarkup.text(HTMLFormat.time(input.firstEpochMilliseconds))]),
        HTMLMarkup.element(
          "div", [], [HTMLMarkup.text(HTMLFormat.time(input.lastEpochMilliseconds))]),
      ],
      [HTMLMarkup.text(HTMLFormat.grouped(input.entries))],
      [HTMLMarkup.text(HTMLFormat.grouped(input.unparsedLines))],
      notes.isEmpty
        ? [HTMLMarkup.text("–")]
        : notes.map { HTMLMarkup.element("div", [], [$0]) },
    ]
  }
}
