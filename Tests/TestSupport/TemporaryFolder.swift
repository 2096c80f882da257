import Foundation

/// A folder under the system's temporary folder, removed when the value is released.
public final class TemporaryFolder {
  /// The folder's path, without a trailing slash.
  public let path: String

  /// Creates a new, empty folder.
  public init() throws {
    let url = FileManager.default.temporaryDirectory
      .appendingPathComponent("iris-backup-audit-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    path = url.path
  }

  deinit {
    try? FileManager.default.removeItem(atPath: path)
  }

  /// Writes `bytes` at `relativePath`, creating folders on the way; returns the full path.
  @discardableResult
  public func write(_ relativePath: String, bytes: [UInt8]) throws -> String {
    let full = path + "/" + relativePath
    let folder = (full as NSString).deletingLastPathComponent
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    try Data(bytes).write(to: URL(fileURLWithPath: full))
    return full
  }

  /// Writes `text` as UTF-8 at `relativePath`; returns the full path.
  @discardableResult
  public func write(_ relativePath: String, text: String) throws -> String {
    try write(relativePath, bytes: Array(text.utf8))
  }

  /// Sets the modification time of `relativePath`.
  public func setModificationDate(_ relativePath: String, _ date: Date) throws {
    try FileManager.default.setAttributes(
      [.modificationDate: date], ofItemAtPath: path + "/" + relativePath)
  }
}
