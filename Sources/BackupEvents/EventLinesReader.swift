import Foundation

/// Reads back the JSON Lines `events` writes (SPEC §6 `audit --events`, §12): its `input`
/// records and `event` records, into one reading per server, as reading the logs in place
/// would have given them.
public enum EventLinesReader {
  /// Why a file of events cannot be used: one line naming the file and the line.
  public struct Failure: Error, Equatable, CustomStringConvertible {
    public let description: String
  }

  private struct Kind: Decodable {
    var type: String?
  }

  /// The readings of `files` (each a name for messages and its bytes), servers in order of
  /// first appearance, the records of a server found in several files joined.
  public static func readings(_ files: [(name: String, bytes: [UInt8])]) throws(Failure)
    -> [ServerReading]
  {
    var order: [String] = []
    var readings: [String: ServerReading] = [:]
    func reading(_ server: String) -> ServerReading {
      if let found = readings[server] { return found }
      order.append(server)
      return ServerReading(server: server, timeZone: "", events: [], inputs: [])
    }
    let decoder = JSONDecoder()
    for file in files {
      var number = 0
      for line in file.bytes.split(separator: 0x0A, omittingEmptySubsequences: false) {
        number += 1
        let data = Data(line)
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
        func failure(_ reason: String) -> Failure {
          Failure(description: "\(file.name):\(number): \(reason)")
        }
        guard let kind = try? decoder.decode(Kind.self, from: data) else {
          throw failure("not a JSON object of the events output")
        }
        switch kind.type {
        case "input":
          let record: InputRecord
          do {
            record = try decoder.decode(InputRecord.self, from: data)
          } catch {
            throw failure("an input record without its fields (\(reason(error)))")
          }
          var found = reading(record.summary.server)
          if !found.timeZone.isEmpty && found.timeZone != record.timeZone {
            throw failure(
              "server \(record.summary.server) read in \(record.timeZone) here and in "
                + "\(found.timeZone) before")
          }
          found.timeZone = record.timeZone
          found.inputs.append(record.summary)
          readings[record.summary.server] = found
        case "event":
          let record: EventRecord
          do {
            record = try decoder.decode(EventRecord.self, from: data)
          } catch {
            throw failure("an event record without its fields (\(reason(error)))")
          }
          guard let event = record.backupEvent else {
            throw failure("an event record whose time, local time or event is not as written")
          }
          var found = reading(record.server)
          found.events.append(event)
          readings[record.server] = found
        default:
          throw failure(
            "a record of type \(kind.type ?? "none"): events writes input and event records")
        }
      }
    }
    for name in order where readings[name]?.timeZone.isEmpty ?? false {
      throw Failure(
        description:
          "server \(name) has events but no input record: write them again with this "
          + "version's events command")
    }
    return order.compactMap { readings[$0] }
  }

  /// The part of a decoding error worth a line: which key.
  private static func reason(_ error: Error) -> String {
    switch error as? DecodingError {
    case .keyNotFound(let key, _): "no \(key.stringValue)"
    case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
      context.codingPath.map(\.stringValue).joined(separator: ".") + ": "
        + context.debugDescription
    default: "\(error)"
    }
  }
}
