import Testing

@testable import ClusterConfiguration

@Test(
  arguments: [
    ("600", 600_000), ("600s", 600_000), ("10m", 600_000), ("26h", 93_600_000),
    ("1h30m", 5_400_000), ("2d", 172_800_000), ("1d2h3m4s5ms", 93_784_005), ("0s", 0),
    ("1500ms", 1_500), ("0", 0), ("90m", 5_400_000),
  ] as [(String, Int64)])
func readsDurations(text: String, milliseconds: Int64) throws {
  #expect(try DurationParser.milliseconds(text) == milliseconds)
}

@Test(arguments: [
  ("", "the duration is empty"),
  ("10x", "unknown unit \"x\""),
  ("1.5h", "unknown unit \".\""),
  ("-5s", "a number must come before each unit"),
  ("s", "a number must come before each unit"),
  ("30m1h", "units must go from the largest to the smallest, each once"),
  ("1m1m", "units must go from the largest to the smallest, each once"),
  ("10 m", "unknown unit \" m\""),
  ("10M", "unknown unit \"M\""),
  (" 600s", "a number must come before each unit"),
  ("99999999999999999999", "the duration is too long"),
  ("9999999999999999d", "the duration is too long"),
])
func rejectsMalformedDurations(text: String, why: String) {
  #expect {
    try DurationParser.milliseconds(text)
  } throws: { error in
    let failure = error as? ConfigurationError
    return failure?.file == nil && failure?.location == nil
      && failure?.reason.hasPrefix("invalid duration \"\(text)\": \(why); write whole numbers")
        == true
  }
}

@Test func durationErrorTellsWhatToWrite() {
  #expect {
    try DurationParser.milliseconds("5 minutes")
  } throws: { error in
    "\(error)" == "invalid duration \"5 minutes\": unknown unit \" minutes\"; write whole numbers "
      + "with units d, h, m, s or ms from the largest down, such as 600s, 10m, 26h, 1h30m, "
      + "or plain seconds (600)"
  }
}

@Test(
  arguments: [
    (0, "0s"), (600_000, "600s"), (93_600_000, "26h"), (5_400_000, "1h30m"), (2_000, "2s"),
    (1_500, "1500ms"), (172_800_000, "48h"), (1, "1ms"), (3_599_000, "3599s"),
    (3_605_000, "1h5s"), (3_600_000, "1h"),
  ] as [(Int64, String)])
func writesDurationsAsPeopleDo(milliseconds: Int64, text: String) throws {
  #expect(DurationParser.text(milliseconds: milliseconds) == text)
  #expect(try DurationParser.milliseconds(text) == milliseconds)
}
