/// A seeded 64-bit generator (SplitMix64) whose sequence is fixed for a given seed.
///
/// The simulator draws every random choice from it, and never from the standard library's
/// helpers (`random(in:using:)`), whose algorithms are not promised stable across releases.
public struct SplitMix64: RandomNumberGenerator, Sendable, Equatable {
  /// The internal state; advances by the golden-ratio increment on every draw.
  private var state: UInt64

  /// Creates a generator whose whole sequence is determined by `seed`.
  public init(seed: UInt64) {
    state = seed
  }

  /// Returns the next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Returns a generator for an independent stream, so one part of the simulation can draw
  /// without shifting the draws of another.
  public func derived(_ stream: UInt64) -> SplitMix64 {
    var mixer = SplitMix64(seed: state ^ (stream &* 0xD1B5_4A32_D192_ED03))
    return SplitMix64(seed: mixer.next())
  }

  /// A uniform integer in `0..<bound`; `bound` must be positive.
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound > 0, "bound must be positive")
    return Int(next().multipliedFullWidth(by: UInt64(bound)).high)
  }

  /// A uniform integer in `range`.
  public mutating func int(in range: ClosedRange<Int>) -> Int {
    range.lowerBound + below(range.upperBound - range.lowerBound + 1)
  }

  /// A uniform 64-bit integer in `range`.
  public mutating func int64(in range: ClosedRange<Int64>) -> Int64 {
    let width = UInt64(range.upperBound - range.lowerBound) &+ 1
    if width == 0 { return Int64(bitPattern: next()) }
    return range.lowerBound + Int64(next().multipliedFullWidth(by: width).high)
  }

  /// A uniform fraction in `0..<1` with 53 bits of precision.
  public mutating func unit() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// True with probability `probability`.
  public mutating func chance(_ probability: Double) -> Bool {
    probability > 0 && unit() < probability
  }

  /// One element of a non-empty array, uniformly.
  public mutating func pick<Element>(_ elements: [Element]) -> Element {
    elements[below(elements.count)]
  }

  /// The elements in a random order (Fisher–Yates with this generator's draws).
  public mutating func shuffled<Element>(_ elements: [Element]) -> [Element] {
    var result = elements
    var index = result.count - 1
    while index > 0 {
      result.swapAt(index, below(index + 1))
      index -= 1
    }
    return result
  }
}
