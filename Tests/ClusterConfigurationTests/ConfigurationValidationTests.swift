import Testing

@testable import ClusterConfiguration

private let master = "[[servers]]\nname = \"master\"\nrole = \"master\"\n"

/// A file with one mistake, and the message it must give.
struct InvalidCase: Sendable, CustomTestStringConvertible {
  let text: String
  let message: String

  init(_ text: String, _ message: String) {
    self.text = text
    self.message = message
  }

  var testDescription: String { message }
}

let invalidCases: [InvalidCase] = [
  InvalidCase(
    master + "[[servers]]\nname = \"a\"\n[[servers]]\nname = \"b\"\ntimezone = \"Mars/Base\"\n",
    "cluster.toml: servers[2].timezone: unknown time zone Mars/Base; use an IANA name such as "
      + "Europe/Paris"
  ),
  InvalidCase(
    "[cluster]\ntimezone = \"utc\"\n",
    "cluster.toml: cluster.timezone: unknown time zone utc; use an IANA name such as Europe/Paris"
  ),
  InvalidCase(
    "[thresholds]\nfreeze_timout = \"600s\"\n",
    "cluster.toml: thresholds.freeze_timout: unknown key; expected one of fail_on, "
      + "freeze_timeout, legacy_year, max_quiesce, rpo, skew_tolerance"
  ),
  InvalidCase(
    "[cluster]\nname = \"x\"\n[thresholds]\n[extra]\n",
    "cluster.toml: extra: unknown key; expected one of catalogue, cluster, servers, thresholds"
  ),
  InvalidCase(
    "[thresholds]\nrpo = \"26 hours\"\n",
    "cluster.toml: thresholds.rpo: invalid duration \"26 hours\": unknown unit \" hours\"; write "
      + "whole numbers with units d, h, m, s or ms from the largest down, such as 600s, 10m, "
      + "26h, 1h30m, or plain seconds (600)"
  ),
  InvalidCase(
    "[thresholds]\nmax_quiesce = 1.5\n",
    "cluster.toml: thresholds.max_quiesce: expected a duration such as \"600s\", found a "
      + "floating-point number"
  ),
  InvalidCase(
    "[thresholds]\nfreeze_timeout = \"0s\"\n",
    "cluster.toml: thresholds.freeze_timeout: must be longer than zero"),
  InvalidCase(
    "[thresholds]\nfail_on = \"unknown\"\n",
    "cluster.toml: thresholds.fail_on: unknown level unknown; use warning or critical"
  ),
  InvalidCase(
    "[thresholds]\nlegacy_year = 16\n",
    "cluster.toml: thresholds.legacy_year: year 16 is out of range; use a four-digit year from "
      + "1970 to 2100"
  ),
  InvalidCase(
    "[thresholds]\nlegacy_year = \"2016\"\n",
    "cluster.toml: thresholds.legacy_year: expected an integer, found a string"
  ),
  InvalidCase(
    master + "[[servers]]\nname = \"s\"\nrole = \"primary\"\n",
    "cluster.toml: servers[1].role: unknown role primary; use master, shard or restored"
  ),
  InvalidCase(
    master + "[[servers]]\npath = \"s\"\n", "cluster.toml: servers[1].name: required key is missing"
  ),
  InvalidCase(
    master + "[[servers]]\nname = \"master\"\n",
    "cluster.toml: servers[1].name: server master is listed twice; names must be unique"
  ),
  InvalidCase(
    master + "[[servers]]\nname = \"s\"\nrestored_from = \"master\"\n",
    "cluster.toml: servers[1].restored_from: only a server with role = \"restored\" has one"
  ),
  InvalidCase(
    master + "[[servers]]\nname = \"r\"\nrole = \"restored\"\nrestored_from = \"ghost\"\n",
    "cluster.toml: servers[1].restored_from: unknown server ghost; name a master or shard of "
      + "this file (master)"
  ),
  InvalidCase(
    master + "[[servers]]\nname = \"m2\"\nrole = \"master\"\n",
    "cluster.toml: servers[1].role: a cluster has one master; master, m2 are"
  ),
  InvalidCase(
    "[[servers]]\nname = \"a\"\nport = 1972\n",
    "cluster.toml: servers[0].port: unknown key; expected one of name, path, restored_from, "
      + "role, timezone"
  ),
  InvalidCase(
    "servers = \"all\"\n",
    "cluster.toml: servers: expected an array of tables ([[servers]]), found a string"),
  InvalidCase(
    "servers = [1]\n", "cluster.toml: servers[0]: expected a table ([[servers]]), found an integer"),
  InvalidCase(
    "[[catalogue]]\nevent = \"frozen-ish\"\npattern = \"x\"\n",
    "cluster.toml: catalogue[0].event: unknown event frozen-ish; use one of freeze-begin, "
      + "unjournaled-database, unjournaled-summary, journal-switch, freeze-journal-file, frozen, "
      + "freeze-failed, thaw-begin, thawed, already-resumed, thaw-failed, quiesce-begin, "
      + "quiesced, quiesce-timeout, resume-begin, resumed, journal-checkpoint, startup, "
      + "recovery, abnormal-shutdown, clean-shutdown, instance-start, unrecognised"
  ),
  InvalidCase(
    "[[catalogue]]\nevent = \"frozen\"\npattern = \"^(System frozen$\"\n",
    "cluster.toml: catalogue[0].pattern: does not compile at offset 16: missing closing "
      + "parenthesis"
  ),
  InvalidCase(
    "[[catalogue]]\nevent = \"frozen\"\n",
    "cluster.toml: catalogue[0].pattern: required key is missing"),
  InvalidCase(
    "[[catalogue]]\nevent = \"frozen\"\npattern = \"x\"\nscope = \"entry\"\n",
    "cluster.toml: catalogue[0].scope: unknown scope entry; use first-line or whole-entry"
  ),
  InvalidCase(
    "[[catalogue]]\nevent = \"frozen\"\npattern = \"x\"\nreplace = \"yes\"\n",
    "cluster.toml: catalogue[0].replace: expected true or false, found a string"
  ),
]

@Test(arguments: invalidCases)
func rejectsWithAMessageNamingTheKey(invalid: InvalidCase) {
  #expect {
    try ClusterConfigurationFile.parse(invalid.text, path: "cluster.toml")
  } throws: { error in
    "\(error)" == invalid.message
  }
}

@Test func syntaxErrorsNameLineAndColumn() {
  #expect {
    try ClusterConfigurationFile.parse("[cluster]\nname = \"x\n", path: "c.toml")
  } throws: { error in
    let failure = error as? ConfigurationError
    return failure?.file == "c.toml" && failure?.location?.hasPrefix("line 2, column ") == true
      && failure?.reason.isEmpty == false
  }
}
