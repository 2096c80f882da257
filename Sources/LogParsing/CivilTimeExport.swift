// Entries carry their wall-clock time as `LocalTimestamp`, so the parsing stage's clients see
// the civil-time leaf module through it.
@_exported import CivilTime
