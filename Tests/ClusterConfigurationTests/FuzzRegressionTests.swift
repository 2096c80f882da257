import ClusterConfiguration
import Foundation
import Testing

/// Configuration files the configuration fuzz target found to abort the process inside toml++
/// (Fuzz/crashes/configuration/), minimised, with variants of the same cause. Each must be
/// rejected with a `ConfigurationError`. They run in a child process (an exit test), so that an
/// abort fails the test instead of ending the whole test run.
struct ConfigurationFuzzRegressionTests {
  /// A `}` after an array's `[` or `,`: toml++ 3.4 `parse_array` hands it to `parse_value`,
  /// whose unchecked precondition `!is_value_terminator(*cp)` (toml.hpp:14994) then aborts;
  /// `TableHeaderCheck` looks at table headers only.
  static let closingBraceInAnArray = [
    "a=[}", "a = [ 1, }", "a = [\n  # comment\n  }", "t = { b = [}] }",
  ]

  /// A byte order mark before a bad header: toml++ skips it, `TableHeaderCheck` takes it for
  /// the start of a key, no longer sees a header at the start of the line, and toml++'s
  /// `parse_key` precondition (toml.hpp:15481) aborts. `load` is spared (Foundation drops the
  /// mark when it decodes the file), but `parse(_:path:)` is public.
  static let byteOrderMarkBeforeABadHeader = ["\u{FEFF}[\\", "\u{FEFF}[[[c", "\u{FEFF}[=x]"]

  /// A date, `T` and then no digit: toml++ takes the value for a date-time because of the `:`
  /// it sees ahead, and `parse_time`'s precondition `is_decimal_digit(*cp)` (toml.hpp:14790)
  /// aborts. `load` is no protection here: the command line aborts on such a file.
  static let dateThenNoDigit = ["a=1979-05-27T:", "a=1979-05-27t:00", "x = [1979-05-27T:]"]

  @Test(arguments: closingBraceInAnArray + byteOrderMarkBeforeABadHeader + dateThenNoDigit)
  func inputThatAbortedTomlIsAnError(text: String) async {
    await #expect(processExitsWith: .success) { [text] in
      do {
        _ = try ClusterConfigurationFile.parse(text, path: "cluster.toml")
        exit(3)
      } catch is ConfigurationError {
        exit(0)
      } catch {
        exit(4)
      }
    }
  }
}
