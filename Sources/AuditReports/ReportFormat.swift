/// The report formats of SPEC §6, as `--format` and `--write F=PATH` spell them.
public enum ReportFormat: String, Sendable, Equatable, CaseIterable {
  case text
  case json
  case markdown
  case html
  case junit
  case sarif
  case prometheus
  case nagios

  /// The writer of this format.
  ///
  /// `colours` asks the text writer for ANSI colours; the other formats ignore it.
  public func writer(colours: Bool = false) -> any ReportWriter {
    switch self {
    case .text: TextReportWriter(usesColours: colours)
    case .json: JSONReportWriter()
    case .markdown: MarkdownReportWriter()
    case .junit: JUnitReportWriter()
    case .sarif: SARIFReportWriter()
    case .prometheus: PrometheusReportWriter()
    case .nagios: NagiosReportWriter()
    case .html: HTMLReportWriter()
    }
  }
}
