extension StructuredLogLine {
  /// The timestamp of a JSON-form line that `parse` accepts, read without allocating; nil for
  /// every line this strict reader cannot vouch for (the caller then takes the general path).
  ///
  /// It accepts only what Foundation's parser accepts and reads the same way: one flat object
  /// of ASCII text, whose values are strings without escapes, numbers, `true`, `false` or
  /// `null`, with spaces between tokens, and nothing after it; the last `when` counts, as in
  /// `jsonFields`. A backslash, a byte outside ASCII or below 0x20 (a tab too), a nested value
  /// or anything unexpected gives nil. One pass over the line (`FlatJSONScanner`). Without escapes the text is the line as written, so the reader's literal
  /// marker saw all of it: an unmarked line that passes here holds no catalogue literal.
  public static func jsonTimestamp(_ line: UnsafeRawBufferPointer) -> LocalTimestamp? {
    guard let when = FlatJSONScanner.lastWhen(line),
      let timestamp = parseWhen(UnsafeRawBufferPointer(rebasing: line[when])), timestamp.isValid
    else { return nil }
    return timestamp
  }
}
