import Foundation

/// Fixed slots that parallel workers fill by index, each slot written once.
public final class ResultSlots<Value>: @unchecked Sendable {
  // SAFETY: every access to `slots` holds `lock`.
  private var slots: [Value?]
  private let lock = NSLock()

  /// `transform` of every item, computed on as many threads as there are cores, in order.
  public static func concurrentMap<Item>(
    _ items: [Item], _ transform: (Item) -> Value
  ) -> [Value] {
    let results = ResultSlots(count: items.count)
    // SAFETY: `items` is only read; `transform` runs once per index, on values it does not
    // share, and each result goes to its own slot under the lock.
    withoutActuallyEscaping(transform) { transform in
      nonisolated(unsafe) let transform = transform
      nonisolated(unsafe) let items = items
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.set(index, transform(items[index]))
      }
    }
    return results.values
  }

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
