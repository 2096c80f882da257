import BackupEvents
import Foundation
import LogReading

/// Shortcuts for reading events in tests.
public enum EventReading {
  /// Options in UTC unless told otherwise.
  public static func options(_ zone: String = "UTC") -> ReadingOptions {
    ReadingOptions(timeZone: TimeZone(identifier: zone)!)
  }

  /// Writes `text` as `<server>/messages.log` in a new folder and reads it back.
  public static func read(
    _ text: String, server: String = "ds1", options: ReadingOptions = options()
  ) throws -> ServerReading {
    let folder = try TemporaryFolder()
    let path = try folder.write("\(server)/messages.log", text: text)
    var reading = ServerLogReader(options: options).read(ServerInput(name: server, files: [path]))
    // Paths of a deleted temporary folder mean nothing to a test.
    for index in reading.events.indices { reading.events[index].path = "messages.log" }
    return reading
  }

  /// The path of a file in the package, from this source file's location.
  public static func packagePath(_ relative: String) -> String {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent(relative).path
  }
}
