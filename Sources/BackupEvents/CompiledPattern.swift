import CPCRE2

/// A PCRE2 pattern compiled once (with JIT when available) and shared by every worker.
///
/// This file owns every PCRE2 pointer of the project. Patterns are compiled with
/// `PCRE2_UTF | PCRE2_MATCH_INVALID_UTF` because logs hold invalid bytes.
public final class CompiledPattern: @unchecked Sendable {
  // SAFETY: `code` is written only in `init` (compile, then JIT) and freed only in `deinit`;
  // PCRE2 documents compiled code as read-only during matching, so sharing it between threads
  // is safe. Each thread matches with its own `MatchData`.
  let code: OpaquePointer
  /// The pattern's source text, for messages.
  public let source: String
  /// True when the JIT compiled the pattern (matching then runs machine code).
  public let isJITCompiled: Bool
  /// The number of capture groups, asked of PCRE2 once.
  public let captureCount: Int

  /// Compiles `source`; throws `EventsError.invalidPattern` with PCRE2's message and offset.
  public init(_ source: String) throws {
    var errorCode: Int32 = 0
    var errorOffset: Int = 0
    let options = UInt32(PCRE2_UTF | PCRE2_MATCH_INVALID_UTF)
    let compiled = source.withCString { pointer in
      pointer.withMemoryRebound(to: UInt8.self, capacity: source.utf8.count) {
        pcre2_compile_8($0, source.utf8.count, options, &errorCode, &errorOffset, nil)
      }
    }
    guard let compiled else {
      throw EventsError.invalidPattern(
        pattern: source, offset: errorOffset, reason: Self.message(for: errorCode))
    }
    code = compiled
    self.source = source
    isJITCompiled = pcre2_jit_compile_8(compiled, UInt32(PCRE2_JIT_COMPLETE)) == 0
    var count: UInt32 = 0
    _ = pcre2_pattern_info_8(compiled, UInt32(PCRE2_INFO_CAPTURECOUNT), &count)
    captureCount = Int(count)
  }

  deinit {
    pcre2_code_free_8(code)
  }

  /// The number of the named group `name`, or nil when the pattern has no such group.
  public func groupNumber(named name: String) -> Int? {
    let number = name.withCString { pointer in
      pointer.withMemoryRebound(to: UInt8.self, capacity: name.utf8.count + 1) {
        pcre2_substring_number_from_name_8(code, $0)
      }
    }
    return number > 0 ? Int(number) : nil
  }

  /// What one match attempt gave.
  public enum Outcome: Equatable {
    /// The byte range of each group (nil when unset), group 0 first.
    case match([Range<Int>?])
    case noMatch
    /// PCRE2 gave up (the match or depth limit on a hostile line, or another error): whether
    /// the line is an event is not known. The message is PCRE2's.
    case error(String)
  }

  /// Matches `subject` from its start, within `data`'s limits.
  public func match(_ subject: UnsafeRawBufferPointer, using data: MatchData) -> Outcome {
    guard data.capacity > captureCount else {
      return .error("the match data holds \(data.capacity - 1) groups, the pattern has \(captureCount)")
    }
    var empty: UInt8 = 0
    let result = withUnsafePointer(to: &empty) { emptyPointer in
      // PCRE2 rejects a null subject even when it is empty.
      let base = subject.baseAddress?.assumingMemoryBound(to: UInt8.self) ?? emptyPointer
      return pcre2_match_8(code, base, subject.count, 0, 0, data.pointer, data.context)
    }
    if result == PCRE2_ERROR_NOMATCH { return .noMatch }
    // 0 would mean the match data is too small for the groups, which the guard excludes.
    guard result > 0 else { return .error(Self.message(for: result)) }
    let vector = pcre2_get_ovector_pointer_8(data.pointer)!
    let unset = cpcre2_unset()
    return .match((0..<Int(result)).map { group in
      let start = vector[2 * group]
      let end = vector[2 * group + 1]
      return start == unset ? nil : start..<end
    })
  }

  /// PCRE2's text for an error code.
  static func message(for errorCode: Int32) -> String {
    var buffer = [UInt8](repeating: 0, count: 256)
    let length = pcre2_get_error_message_8(errorCode, &buffer, buffer.count)
    return length > 0
      ? String(decoding: buffer[..<Int(length)], as: UTF8.self) : "error \(errorCode)"
  }
}

/// PCRE2 match data and match limits: scratch space for one matching thread, never shared.
///
/// The limits bound the work one line can cost a configured pattern with catastrophic
/// backtracking (`^(a+)+$` on a long line): past them PCRE2 gives up with an error, which the
/// caller counts and reports, never reads as "no match".
public final class MatchData {
  let pointer: OpaquePointer
  let context: OpaquePointer
  /// The number of ovector pairs: room for `capacity - 1` capture groups.
  let capacity: Int

  /// The most backtracking steps one match may take (PCRE2's default is 10,000,000).
  public static let matchLimit: UInt32 = 1_000_000
  /// The deepest backtracking one match may go, for the interpreter (PCRE2's default is
  /// 10,000,000).
  public static let depthLimit: UInt32 = 100_000

  /// Creates match data for patterns of up to `groups` capture groups.
  public init(groups: Int) {
    capacity = max(groups, 0) + 1
    pointer = pcre2_match_data_create_8(UInt32(capacity), nil)!
    context = pcre2_match_context_create_8(nil)!
    pcre2_set_match_limit_8(context, Self.matchLimit)
    pcre2_set_depth_limit_8(context, Self.depthLimit)
  }

  /// Creates match data for any of `patterns`.
  public convenience init(for patterns: [CompiledPattern]) {
    self.init(groups: patterns.map(\.captureCount).max() ?? 0)
  }

  deinit {
    pcre2_match_data_free_8(pointer)
    pcre2_match_context_free_8(context)
  }
}
