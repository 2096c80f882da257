import Foundation

/// Turns command-line paths into servers (SPEC §3.2).
///
/// A folder that holds a log is one server named after the folder; a folder that does not is a
/// cluster whose subfolders holding a log are its servers; a file belongs to the server named
/// after its folder; `-` is the server `stdin`.
public enum ServerDiscovery {
  /// Finds the servers behind `paths`, then adds the explicitly named ones (`NAME=PATH`).
  public static func discover(paths: [String], namedServers: [String] = []) throws -> [ServerInput]
  {
    var found: [String: (files: [String], origins: [String])] = [:]
    func add(_ name: String, _ files: [String], origin: String) throws {
      if let existing = found[name] {
        if existing.origins.contains(origin) || isFileGroup(existing.origins + [origin]) {
          found[name] = (existing.files + files, existing.origins + [origin])
          return
        }
        throw ReadingError.duplicateServerName(name: name, paths: existing.origins + [origin])
      }
      found[name] = (files, [origin])
    }
    for path in paths {
      for server in try servers(at: path) {
        try add(server.name, server.files, origin: originOf(path, server: server))
      }
    }
    for argument in namedServers {
      guard let equals = argument.firstIndex(of: "="), equals != argument.startIndex,
        argument.index(after: equals) != argument.endIndex
      else { throw ReadingError.invalidServerArgument(argument) }
      let name = String(argument[..<equals])
      let path = String(argument[argument.index(after: equals)...])
      let files = try isDirectory(path) ? logFiles(in: path) : [try requireFile(path)]
      guard !files.isEmpty else { throw ReadingError.noLogFound(path: path) }
      try add(name, files, origin: argument)
    }
    return found.keys.sorted().map { name in
      ServerInput(name: name, files: Array(Set(found[name]!.files)).sorted())
    }
  }

  /// True for the names IRIS and Caché give a log and its rotations.
  public static func isLogFileName(_ name: String) -> Bool {
    var base = name
    if base.hasSuffix(".gz") { base.removeLast(3) }
    return base == "messages.log" || base == "cconsole.log" || base.hasPrefix("messages.old")
      || base.hasPrefix("messages.log.") || base.hasPrefix("cconsole.old")
      || base.hasPrefix("cconsole.log.")
  }

  /// The servers one command-line path stands for.
  static func servers(at path: String) throws -> [ServerInput] {
    if path == "-" { return [ServerInput(name: "stdin", files: ["-"])] }
    guard isDirectory(path) else {
      let file = try requireFile(path)
      return [ServerInput(name: folderName(ofFile: file), files: [file])]
    }
    let own = try logFiles(in: path)
    if !own.isEmpty { return [ServerInput(name: lastComponent(path), files: own)] }
    let children = try contents(of: path).filter { isDirectory(join(path, $0)) }
    let cluster = try children.compactMap { child -> ServerInput? in
      let files = try logFiles(in: join(path, child))
      return files.isEmpty ? nil : ServerInput(name: child, files: files)
    }
    guard !cluster.isEmpty else { throw ReadingError.noLogFound(path: path) }
    return cluster
  }

  /// The log files directly inside `folder`, by name.
  static func logFiles(in folder: String) throws -> [String] {
    try contents(of: folder).filter(isLogFileName).map { join(folder, $0) }
      .filter { !isDirectory($0) }.sorted()
  }

  private static func contents(of folder: String) throws -> [String] {
    do {
      return try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    } catch {
      throw ReadingError.cannotOpen(path: folder, reason: "cannot list the folder")
    }
  }

  private static func requireFile(_ path: String) throws -> String {
    guard FileManager.default.fileExists(atPath: path) else {
      throw ReadingError.cannotOpen(path: path, reason: "no such file or directory")
    }
    return path
  }

  private static func isDirectory(_ path: String) -> Bool {
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
      && isFolder.boolValue
  }

  /// Files named one by one share a server when they sit in the same folder.
  private static func isFileGroup(_ origins: [String]) -> Bool {
    origins.allSatisfy { $0.hasPrefix("file:") }
      && Set(origins.map { folderOf(String($0.dropFirst(5))) }).count == 1
  }

  private static func originOf(_ path: String, server: ServerInput) -> String {
    server.files == [path] && path != "-" ? "file:" + path : path
  }

  private static func folderName(ofFile path: String) -> String {
    let folder = folderOf(path)
    let name = lastComponent(folder)
    return name.isEmpty || name == "." || name == "/" ? lastComponent(absolute(folder)) : name
  }

  private static func folderOf(_ path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
  }

  private static func lastComponent(_ path: String) -> String {
    var trimmed = path
    while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
    if trimmed == "." || trimmed == ".." { return lastComponent(absolute(trimmed)) }
    return trimmed.split(separator: "/").last.map(String.init) ?? trimmed
  }

  private static func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
  }

  private static func join(_ folder: String, _ name: String) -> String {
    folder.hasSuffix("/") ? folder + name : folder + "/" + name
  }
}
