import Foundation

/// Fixed slots that parallel workers fill by index, each slot written once.
final class ResultSlots<Value>: @unchecked Sendable {
  // SAFETY: every access to `slots` holds `lock`.
  private var slots: [Value?]
  private let lock = NSLock()

  init(count: Int) {
    slots = Array(repeating: nil, count: count)
  }

  func set(_ index: Int, _ value: Value) {
    lock.lock()
    slots[index] = value
    lock.unlock()
  }

  /// The values, once every slot has been set.
  var values: [Value] {
    lock.lock()
    defer { lock.unlock() }
    return slots.map { $0! }
  }
}
