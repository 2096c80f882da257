#if canImport(Glibc)
  import Glibc
#endif

/// Gives the memory the program freed back to the system.
///
/// glibc's allocator keeps freed memory for later allocations, so a process that held tens of
/// megabytes of events and then writes a report of megabytes would count both in its resident
/// size; `malloc_trim` releases the free pages of every arena. It is looked up at run time
/// (Swift's Glibc module leaves `malloc.h` out); where there is none, this does nothing.
enum MemoryRelease {
  static func returnFreedMemory() {
    #if canImport(Glibc)
      typealias Trim = @convention(c) (Int) -> Int32
      guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_trim") else { return }
      _ = unsafeBitCast(symbol, to: Trim.self)(0)
    #endif
  }
}
