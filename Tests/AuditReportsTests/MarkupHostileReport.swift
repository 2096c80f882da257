import AuditReports
import BackupAudit

/// `hostileText` and more of what breaks markup formats: syntax characters followed by a
/// combining mark (one Swift character, still the syntax character to a byte parser), a long
/// backtick run, links, bare URLs, an email address, heading and list markers after a line
/// break, XML's non-characters, quotes of every kind, an equals sign and GitHub math.
let markupHostileText =
  hostileText
  + " |\u{301}cell &\u{301}lt; <\u{338}b> ````` [link](http://evil.example/) "
  + "https://evil.example www.evil.example a@b.example \n# heading\n- item\n| x | y |\n"
  + "\u{FFFE}\u{FFFF} 'single' = $x$ *em* _em_ ~~del~~ \\| ![img](x.png) <!-- c -->"

/// The report fixture with hostile text in every string the Markdown, JUnit, SARIF, Prometheus
/// and Nagios writers print: server names, paths, messages, evidence, journal files, zones,
/// configured members and restored servers, and the tool's version.
func hostileMarkupReport() -> AuditReport {
  let hostile = markupHostileText
  var result = ReportFixtures.result()
  for index in result.findings.indices {
    result.findings[index].message += " " + hostile
    result.findings[index].server = result.findings[index].server.map { $0 + hostile }
    for line in result.findings[index].evidence.indices {
      result.findings[index].evidence[line].text = hostile
      result.findings[index].evidence[line].path += hostile
    }
  }
  for index in result.sessions.indices {
    for member in result.sessions[index].members.indices {
      result.sessions[index].members[member].server += hostile
      result.sessions[index].members[member].journalFile? += hostile
    }
    for test in result.sessions[index].restoreTests.indices {
      result.sessions[index].restoreTests[test].server += hostile
    }
  }
  for index in result.servers.indices {
    result.servers[index].name += hostile
    result.servers[index].timeZone += hostile
  }
  for index in result.inputs.indices {
    result.inputs[index].server += hostile
    result.inputs[index].path += hostile
    result.inputs[index].failure = result.inputs[index].failure.map { $0 + hostile }
  }
  result.configuration.members = result.configuration.members.map { $0 + hostile }
  result.configuration.restoredServers = ["restore1" + hostile: "master" + hostile]
  var report = ReportFixtures.report(result)
  report.toolVersion += hostile
  report.result.inputs[0].sha256 = String(repeating: "ab", count: 32)
  return report
}
