// swift-tools-version:6.0
import PackageDescription

// The data flows one way and the targets say so:
// bytes → lines, out of their envelopes (LogReading) → entries (LogParsing) → events
// (BackupEvents) → episodes, sessions, findings (BackupAudit) → writers (AuditReports);
// EvidenceLedger keeps the events, inputs, sessions and findings of every run (SQLite);
// AuditPipeline takes a request from the command line through all of them once.
// CivilTime is the leaf every stage that prints or compares wall-clock times uses.
// ClusterSimulation writes logs and never imports the audit.
// Linux only: the readers and the report files call Glibc (read(2), stat(2), rename(2)) directly.
let package = Package(
  name: "iris-backup-audit",
  products: [
    .executable(name: "iris-backup-audit", targets: ["iris-backup-audit"])
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    .package(url: "https://github.com/JohnSundell/Plot", from: "0.14.0"),
    .package(url: "https://github.com/CoreOffice/XMLCoder", from: "0.18.2"),
    .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    .package(url: "https://github.com/JohnSundell/Ink", from: "0.6.0"),
    .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
  ],
  targets: [
    .systemLibrary(
      name: "CPCRE2",
      pkgConfig: "libpcre2-8",
      providers: [.apt(["libpcre2-dev"])]
    ),
    .systemLibrary(
      name: "CZlib",
      pkgConfig: "zlib",
      providers: [.apt(["zlib1g-dev"])]
    ),
    .target(name: "CByteSearch"),
    .target(name: "CivilTime"),
    .target(
      name: "LogReading",
      dependencies: ["CZlib", .product(name: "Crypto", package: "swift-crypto")]
    ),
    .target(name: "LogParsing", dependencies: ["CByteSearch", "CivilTime", "LogReading"]),
    .target(
      name: "BackupEvents", dependencies: ["CPCRE2", "CByteSearch", "LogReading", "LogParsing"]),
    .target(name: "BackupAudit", dependencies: ["BackupEvents", "CivilTime"]),
    .target(
      name: "ClusterConfiguration",
      dependencies: ["BackupAudit", "BackupEvents", .product(name: "TOMLKit", package: "TOMLKit")]
    ),
    .target(
      name: "AuditReports",
      dependencies: [
        "BackupAudit", "CivilTime",
        .product(name: "Plot", package: "Plot"),
        .product(name: "XMLCoder", package: "XMLCoder"),
      ]
    ),
    // The evidence ledger (SPEC §11): every run's inputs, events, sessions and findings in
    // one SQLite file (GRDB), each run's rows hashed and chained to the run before.
    .target(
      name: "EvidenceLedger",
      dependencies: [
        "BackupAudit", "BackupEvents", "CivilTime", "LogParsing", "LogReading",
        .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ]
    ),
    .target(
      name: "AuditPipeline",
      dependencies: [
        "AuditReports", "BackupAudit", "BackupEvents", "CivilTime", "ClusterConfiguration",
        "EvidenceLedger", "LogReading",
      ]
    ),
    .target(name: "ClusterSimulation", dependencies: ["CZlib"]),
    .executableTarget(
      name: "iris-backup-audit",
      dependencies: [
        "AuditPipeline",
        "AuditReports",
        "BackupAudit",
        "BackupEvents",
        "ClusterConfiguration",
        "ClusterSimulation",
        "EvidenceLedger",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
        .product(name: "Logging", package: "swift-log"),
      ]
    ),
    // The fuzzing harnesses (Fuzz/README.md): libFuzzer's entry point when built with
    // `-DFUZZING -sanitize=fuzzer` (`make fuzz`), otherwise a replayer of saved inputs.
    .executableTarget(
      name: "iris-backup-audit-fuzz",
      dependencies: [
        "AuditPipeline", "BackupEvents", "ClusterConfiguration", "EvidenceLedger", "LogParsing",
        "LogReading", "TestSupport",
      ]
    ),
    .target(
      name: "TestSupport",
      dependencies: ["CZlib", "LogReading", "LogParsing", "BackupEvents", "BackupAudit"],
      path: "Tests/TestSupport"
    ),
    .testTarget(name: "LogReadingTests", dependencies: ["LogReading", "TestSupport"]),
    .testTarget(name: "LogParsingTests", dependencies: ["LogParsing", "TestSupport"]),
    .testTarget(name: "BackupEventsTests", dependencies: ["BackupEvents", "TestSupport"]),
    .testTarget(
      name: "ClusterSimulationTests",
      dependencies: ["ClusterSimulation", "BackupEvents", "LogReading", "TestSupport"]
    ),
    .testTarget(name: "BackupAuditTests", dependencies: ["BackupAudit", "TestSupport"]),
    .testTarget(name: "CivilTimeTests", dependencies: ["CivilTime"]),
    .testTarget(name: "AuditPipelineTests", dependencies: ["AuditPipeline"]),
    .testTarget(
      name: "AuditPropertyTests",
      dependencies: ["BackupAudit", "BackupEvents", "ClusterSimulation", "LogReading", "TestSupport"]
    ),
    .testTarget(
      name: "ClusterConfigurationTests", dependencies: ["ClusterConfiguration", "TestSupport"]),
    .testTarget(
      name: "AuditReportsTests",
      dependencies: ["AuditReports", "TestSupport", .product(name: "Ink", package: "Ink")],
      exclude: ["Snapshots"]
    ),
    .testTarget(
      name: "EvidenceLedgerTests",
      dependencies: [
        "EvidenceLedger", "BackupAudit", "BackupEvents", "LogReading", "TestSupport",
        .product(name: "GRDB", package: "GRDB.swift"),
      ]
    ),
    .testTarget(
      name: "EndToEndTests",
      // GRDB to edit a ledger the way someone tampering with it would; Crypto to hash the
      // byte ranges a ledger run says it read.
      dependencies: [
        "TestSupport", .product(name: "GRDB", package: "GRDB.swift"),
        .product(name: "Crypto", package: "swift-crypto"),
      ],
      exclude: ["Fixtures"]
    ),
    .testTarget(
      name: "ScriptsTests",
      dependencies: ["TestSupport"]
    ),
  ]
)
