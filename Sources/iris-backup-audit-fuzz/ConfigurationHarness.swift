import ClusterConfiguration

/// A configuration file through `ClusterConfigurationFile.parse`: `TableHeaderCheck`, TOMLKit
/// and toml++ (C++, which asserts rather than reports on some inputs), then validation.
///
/// Any text may be rejected, none may crash; a file that is accepted must read back from its
/// own `tomlText()` as an equal value, which that function promises and the effective
/// configuration of every report relies on.
enum ConfigurationHarness {
  static let path = "fuzz/cluster.toml"

  static func run(_ input: UnsafeRawBufferPointer) {
    // `load` refuses text that is not UTF-8; what is left to reach toml++ is valid UTF-8.
    let text = String(decoding: input, as: UTF8.self)
    guard let configuration = try? ClusterConfigurationFile.parse(text, path: path) else { return }
    let written = configuration.tomlText()
    do {
      let again = try ClusterConfigurationFile.parse(written, path: path)
      require(again == configuration, "tomlText reads back differently:\n\(written)")
    } catch {
      require(false, "tomlText does not read back: \(error)\n\(written)")
    }
  }
}
