import ArgumentParser
import BackupAudit

/// `rules [RULE]`: the rule catalogue, or one rule explained with its evidence and remedy.
struct RulesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rules",
    abstract: "List the rules, or explain one."
  )

  @Argument(help: "A rule ID, e.g. already-resumed.")
  var rule: String?

  func run() throws {
    let descriptions = Auditor.ruleDescriptions
    guard let rule else {
      let width = descriptions.map(\.id.rawValue.count).max() ?? 0
      for description in descriptions {
        let id = description.id.rawValue.padding(toLength: width, withPad: " ", startingAt: 0)
        let severity = description.severity.rawValue.padding(toLength: 8, withPad: " ", startingAt: 0)
        print("\(id)  \(severity)  \(description.summary)")
      }
      return
    }
    guard let description = descriptions.first(where: { $0.id.rawValue == rule }) else {
      throw ValidationError(
        "unknown rule \(rule); rules: " + descriptions.map(\.id.rawValue).joined(separator: ", "))
    }
    print(
      """
      \(description.id.rawValue) (\(description.severity.rawValue))
      fires when: \(description.summary)
      why it matters: \(description.explanation)
      evidence: \(description.evidence)
      remedy: \(description.remedy)
      """)
  }
}
