import Foundation
import TestSupport
import Testing

/// The HTML report of two simulated years of a 16-server cluster in a real browser: the file
/// stays under the 3 MB target, headless Chromium builds the whole document within a generous
/// bound on time, and prints it to a PDF of a sensible number of pages, none of them blank (each
/// page rasterised with poppler's `pdftoppm`: its body, between the page header and the bottom
/// margin, must hold ink). `CHROMIUM` names another browser binary.
@Suite(.serialized) struct PrintedReportTests {
  static let days = 730
  static let servers = 16

  /// Simulates the cluster (no ordinary noise, a fault on one night in twenty), audits it with
  /// the HTML and JSON reports written, and returns the folder with `report.html` and
  /// `report.json`.
  static func audited() throws -> TemporaryFolder {
    let folder = try TemporaryFolder()
    let cluster = folder.path + "/cluster"
    let simulated = try CommandRunner.run([
      "simulate", cluster, "--seed", "19", "--servers", "\(servers)", "--days", "\(days)",
      "--noise-per-hour", "0", "--fault-rate", "0.05", "--approaches", "freeze,quiesce,checkpoint",
    ])
    #expect(simulated.status == 0, "\(simulated.standardError)")
    let audit = try CommandRunner.run([
      "audit", cluster, "--report-time", "2026-01-01T00:00:00Z", "--format", "nagios",
      "--write", "html=\(folder.path)/report.html", "--write", "json=\(folder.path)/report.json",
    ])
    #expect((0...3).contains(audit.status), "\(audit.standardError)")
    return folder
  }

  static var chromium: URL {
    let candidates =
      [ProcessInfo.processInfo.environment["CHROMIUM"]].compactMap { $0 }
      + ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
    let found = candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    return URL(fileURLWithPath: found ?? "/usr/bin/chromium")
  }

  static let pdftoppm = URL(fileURLWithPath: "/usr/bin/pdftoppm")

  /// Runs headless Chromium on `page` with `arguments`, and how long it took in seconds.
  static func chromium(_ arguments: [String], _ page: String) throws -> (
    CommandRunner.Result, Double
  ) {
    let started = Date()
    let run = try CommandRunner.run(
      chromium,
      ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"] + arguments + [
        "file://" + page
      ])
    return (run, Date().timeIntervalSince(started))
  }

  /// One audit for every check, since two years take half a minute to simulate and audit.
  @Test func twoYearsOfSixteenServersAreSmallRenderQuicklyAndPrintWhole() throws {
    for tool in [Self.chromium.path, Self.pdftoppm.path] {
      try #require(
        FileManager.default.isExecutableFile(atPath: tool),
        "\(tool) is missing: `make deps` installs chromium and poppler-utils")
    }
    let folder = try Self.audited()
    let html = folder.path + "/report.html"
    let size = try #require(try FileManager.default.attributesOfItem(atPath: html)[.size] as? Int)
    #expect(size < 3_000_000, "\(size) bytes")
    let (dump, seconds) = try Self.chromium(["--dump-dom"], html)
    #expect(dump.status == 0, "\(dump.standardError)")
    // The browser built the whole document: the calendar, and the footer that ends it. A few
    // seconds are the target; the bound leaves room for a loaded machine.
    #expect(dump.standardOutput.contains("class=\"calendar\""))
    #expect(dump.standardOutput.contains("<footer>Written by iris-backup-audit"))
    #expect(seconds < 20, "\(seconds) s")
    try Self.expectPrintedWhole(folder)
  }

  /// Prints the report and checks its pages: a page for the summary, one for the calendar and
  /// months, then at most a page for each session drawn, one per 20 rows of sessions and per 3
  /// findings; at least the pages the table of sessions needs at 80 rows a page; none blank.
  static func expectPrintedWhole(_ folder: TemporaryFolder) throws {
    let pdf = folder.path + "/report.pdf"
    let (printed, _) = try chromium(["--print-to-pdf=" + pdf], folder.path + "/report.html")
    #expect(printed.status == 0, "\(printed.standardError)")
    let pages = PDFPages.count(try Data(contentsOf: URL(fileURLWithPath: pdf)))
    let json = try JSONSerialization.jsonObject(
      with: Data(contentsOf: URL(fileURLWithPath: folder.path + "/report.json")))
    let document = try #require(json as? [String: Any])
    let sessions = (document["sessions"] as? [[String: Any]]) ?? []
    let findings = (document["findings"] as? [[String: Any]]) ?? []
    let named = Set(findings.compactMap { $0["session"] as? String })
    let drawn = sessions.filter {
      $0["verdict"] as? String != "consistent" || named.contains($0["id"] as? String ?? "")
    }
    let bound = 4 + drawn.count + sessions.count / 20 + findings.count / 3
    #expect(pages >= 2 + sessions.count / 80 && pages <= bound, "\(pages) pages, bound \(bound)")
    let raster = try CommandRunner.run(
      pdftoppm, ["-r", "24", "-gray", pdf, folder.path + "/page"])
    #expect(raster.status == 0, "\(raster.standardError)")
    let images = try FileManager.default.contentsOfDirectory(atPath: folder.path)
      .filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }.sorted()
    #expect(images.count == pages)
    for image in images {
      let ink = try PDFPages.inkInBody(
        Data(contentsOf: URL(fileURLWithPath: folder.path + "/" + image)))
      #expect(ink >= 30, "\(image) is blank: \(ink) dark pixels")
    }
  }

  @Test func aPageWithInkOnlyInItsMarginsCountsAsBlank() throws {
    let (width, height) = (100, 200)
    func image(_ darkRows: [Int]) -> Data {
      var pixels = [UInt8](repeating: 255, count: width * height)
      for row in darkRows { for column in 0..<width { pixels[row * width + column] = 0 } }
      return Data(Array("P5\n\(width) \(height)\n255\n".utf8) + pixels)
    }
    #expect(try PDFPages.inkInBody(image([])) == 0)
    // The header's row and the bottom margin's do not count; a row of the body does.
    #expect(try PDFPages.inkInBody(image([5, 195])) == 0)
    #expect(try PDFPages.inkInBody(image([100])) == width)
  }

  @Test func detailAllDrawsEverySessionAndTheJSONIsTheSame() throws {
    let sample = EventReading.packagePath("Samples/quarter")
    let pinned = ["--report-time", "2026-01-01T00:00:00Z"]
    let folder = try TemporaryFolder()
    var outputs: [String: (html: String, json: String)] = [:]
    for detail in ["findings", "all"] {
      let run = try CommandRunner.run(
        ["audit", sample, "--detail", detail, "--format", "json"] + pinned + [
          "--write", "html=\(folder.path)/\(detail).html",
        ])
      #expect(run.status == 2, "\(run.standardError)")
      outputs[detail] = (
        try String(contentsOfFile: folder.path + "/\(detail).html", encoding: .utf8),
        run.standardOutput
      )
    }
    let findings = try #require(outputs["findings"])
    let all = try #require(outputs["all"])
    #expect(findings.json == all.json)
    let json = try #require(
      try JSONSerialization.jsonObject(with: Data(all.json.utf8)) as? [String: Any])
    let sessions = (json["sessions"] as? [[String: Any]]) ?? []
    let drawn = { (html: String) in
      html.components(separatedBy: "<details class=\"session").count - 1
    }
    #expect(drawn(all.html) == sessions.count)
    #expect(drawn(findings.html) < sessions.count && drawn(findings.html) > 0)
    let wrong = try CommandRunner.run(["audit", sample, "--detail", "everything"])
    #expect(wrong.status == 3)
    #expect(wrong.standardError.contains("--detail takes findings or all, not everything"))
  }
}

/// What the printed-report test reads in a PDF and its pages' images.
enum PDFPages {
  /// How many page objects the PDF has: `/Type /Page` dictionaries, not the `/Pages` tree nodes.
  static func count(_ pdf: Data) -> Int {
    let text = String(decoding: pdf, as: UTF8.self)
    let pattern = try! NSRegularExpression(pattern: #"/Type\s*/Page(?![A-Za-z])"#)
    return pattern.numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))
  }

  /// The dark pixels of a binary PGM page image (`P5`, 8 bits) in its body: the rows below the
  /// top margin (where the page header stands) and above the bottom one.
  static func inkInBody(_ image: Data) throws -> Int {
    let bytes = [UInt8](image)
    var fields: [Int] = []
    var index = 2
    while fields.count < 3 {
      while bytes[index] == 0x20 || bytes[index] == 0x0A { index += 1 }
      var value = 0
      while bytes[index] >= 0x30 && bytes[index] <= 0x39 {
        value = value * 10 + Int(bytes[index] - 0x30)
        index += 1
      }
      fields.append(value)
    }
    let (width, height) = (fields[0], fields[1])
    let pixels = bytes[(index + 1)...]
    #expect(pixels.count == width * height)
    let top = height * 9 / 100
    let bottom = height * 93 / 100
    var ink = 0
    for row in top..<bottom {
      let start = pixels.startIndex + row * width
      ink += pixels[start..<(start + width)].filter { $0 < 160 }.count
    }
    return ink
  }
}
