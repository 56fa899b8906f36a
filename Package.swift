// swift-tools-version:6.1
import PackageDescription

/// One set of compiler settings for every target, declared once (Hummingbird's habit).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    // The executor is generic over its clock and runs in another module than
    // its callers; without this, release builds run its per-sample path
    // unspecialised (runtime metadata look-ups cost more than the step itself).
    .unsafeFlags(["-cross-module-optimization"], .when(configuration: .release)),
]

let package = Package(
    name: "cyclerd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "cyclerctl", targets: ["cyclerctl"]),
        .library(name: "Electrochemistry", targets: ["Electrochemistry"]),
        .library(name: "CellSimulator", targets: ["CellSimulator"]),
        .library(name: "Instruments", targets: ["Instruments"]),
        .library(name: "CyclerConfiguration", targets: ["CyclerConfiguration"]),
        .library(name: "ProtocolEngine", targets: ["ProtocolEngine"]),
        .library(name: "LiveModel", targets: ["LiveModel"]),
        .executable(name: "cyclersim", targets: ["cyclersim"]),
        .executable(name: "cyclerd", targets: ["cyclerd"]),
        .library(name: "Storage", targets: ["Storage"]),
        .library(name: "Scheduler", targets: ["Scheduler"]),
        .library(name: "API", targets: ["API"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-websocket", from: "2.8.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.35.2"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
    ],
    targets: [
        // System C libraries. A wrong pkg-config name only warns, then fails in
        // emit-module, so the names here match Debian's .pc files exactly.
        .systemLibrary(
            name: "CLibUSB",
            pkgConfig: "libusb-1.0",
            providers: [.apt(["libusb-1.0-0-dev"])]
        ),
        .systemLibrary(
            name: "CModbus",
            pkgConfig: "libmodbus",
            providers: [.apt(["libmodbus-dev"])]
        ),
        // umockdev's testbed, for the simulated USBTMC instrument on an emulated bus.
        .systemLibrary(
            name: "CUmockdev",
            pkgConfig: "umockdev-1.0",
            providers: [.apt(["libumockdev-dev"])]
        ),

        // POSIX calls glibc hides behind feature macros (pseudo-terminals).
        .target(name: "CPosixShims"),

        // Pure layers: no I/O.
        .target(
            name: "Electrochemistry",
            dependencies: [.product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "CellSimulator",
            dependencies: ["Electrochemistry", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),

        // Files users write (cells, instrument maps, protocols): YAML with located errors.
        .target(
            name: "CyclerConfiguration",
            dependencies: ["Electrochemistry", .product(name: "Yams", package: "Yams")],
            swiftSettings: swiftSettings
        ),

        // Online estimators and failure detectors: pure, fed one sample at a time.
        .target(
            name: "LiveModel",
            dependencies: ["Electrochemistry", "CyclerConfiguration", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),

        // I/O layers: byte transports, then drivers on top of them.
        .target(
            name: "Transport",
            dependencies: ["CLibUSB", "CModbus", "CPosixShims"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Instruments",
            dependencies: ["Transport", "CyclerConfiguration", "CellSimulator", "Electrochemistry", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        // Protocols: the language, its validation and the step executor.
        .target(
            name: "ProtocolEngine",
            dependencies: ["Instruments", "Electrochemistry", "CyclerConfiguration",
                           .product(name: "Yams", package: "Yams"), .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "InstrumentSimulators",
            dependencies: ["Transport", "Instruments", "CellSimulator", "Electrochemistry", "CUmockdev", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),

        // The daemon's layers: the SQLite store, then the channels that run jobs into it.
        .target(
            name: "Storage",
            dependencies: [.product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "Scheduler",
            dependencies: ["ProtocolEngine", "Storage", "Instruments", "CyclerConfiguration", "Electrochemistry", "LiveModel",
                           .product(name: "Logging", package: "swift-log")],
            swiftSettings: swiftSettings
        ),

        // Executables.
        .target(
            name: "API",
            dependencies: [
                "Scheduler", "Storage", "CyclerConfiguration", "ProtocolEngine", "Transport", "Electrochemistry", "LiveModel",
                .product(name: "Numerics", package: "swift-numerics"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "HummingbirdWebSocket", package: "hummingbird-websocket"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOWebSocket", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Dashboard"],  // served from disk (api.dashboard), no build step
            resources: [.embedInCode("openapi.json")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cyclerd",
            dependencies: [
                "Scheduler", "Storage", "CyclerConfiguration", "ProtocolEngine", "Instruments", "Transport", "API", "CPosixShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "cyclerctl",
            dependencies: [
                "Electrochemistry", "CellSimulator", "Instruments", "CyclerConfiguration", "ProtocolEngine", "LiveModel", "Transport",
                "Storage", "API",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Numerics", package: "swift-numerics"),
            ],
            swiftSettings: swiftSettings
        ),

        .executableTarget(
            name: "cyclersim",
            dependencies: [
                "InstrumentSimulators", "Instruments", "CellSimulator", "Electrochemistry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // Benchmarks: executables run by the scripts in Benchmarks/, which print numbers.
        .executableTarget(
            name: "modbus-throughput",
            dependencies: ["Instruments", "InstrumentSimulators", "CellSimulator"],
            path: "Benchmarks/modbus-throughput",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "MethodSCRIPTBenchmark",
            dependencies: ["InstrumentSimulators", "Instruments", "CellSimulator"],
            path: "Benchmarks/methodscript-throughput",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "livemodel-bench",
            dependencies: [
                "LiveModel", "LiveModelFixtures", "CellSimulator", "CyclerConfiguration",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Benchmarks/livemodel-bench",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "spm-bench",
            dependencies: ["CellSimulator"],
            path: "Benchmarks/spm-bench",
            swiftSettings: swiftSettings
        ),
        // The SCPI driver in a process of its own: the client side of the
        // umockdev USB tests (run under umockdev-wrapper) and of the benchmark.
        .executableTarget(
            name: "scpi-session",
            dependencies: ["Instruments", "Transport"],
            path: "Benchmarks/scpi-session",
            swiftSettings: swiftSettings
        ),

        // Tests mirror Sources/.
        .testTarget(
            name: "ElectrochemistryTests",
            dependencies: ["Electrochemistry", .product(name: "Numerics", package: "swift-numerics")],
            exclude: ["Fixtures"],  // the foreign-file corpus, read by DataFileCorpusTests
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "cyclerctlTests",
            dependencies: ["cyclerctl", "Storage", "ProtocolEngine", "CyclerConfiguration"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CyclerConfigurationTests",
            dependencies: ["CyclerConfiguration", "Electrochemistry"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "CellSimulatorTests",
            dependencies: ["CellSimulator", "Electrochemistry", .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TransportTests",
            dependencies: ["Transport", "InstrumentSimulators"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "InstrumentsTests",
            dependencies: ["Instruments", "InstrumentSimulators", "Transport", "CellSimulator", "Electrochemistry", "scpi-session", "cyclersim",
                           "ProtocolEngine", "CyclerConfiguration", "cyclerctl", .product(name: "Numerics", package: "swift-numerics")],
            exclude: ["Modbus/peers"],  // Python test peers, run from the venv
            swiftSettings: swiftSettings
        ),
        // The analyses recover simulator truth from runs on the simulated bench,
        // and `cyclerctl analyze` reads files and locates their errors.
        .testTarget(
            name: "AnalysisAcceptanceTests",
            dependencies: ["Instruments", "CellSimulator", "Electrochemistry", "ProtocolEngine", "cyclerctl",
                           .product(name: "ArgumentParser", package: "swift-argument-parser"),
                           .product(name: "Numerics", package: "swift-numerics")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "ProtocolEngineTests",
            dependencies: ["ProtocolEngine", "Instruments", "CyclerConfiguration", "CellSimulator", "Electrochemistry", "Transport"],
            exclude: ["Broken", "Cells"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "StorageTests",
            dependencies: ["Storage", "ProtocolEngine", "Electrochemistry", .product(name: "Numerics", package: "swift-numerics"),
                           .product(name: "GRDB", package: "GRDB.swift")],
            exclude: ["BDF/checker"],  // the batterydf checker, run from the venv
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "APITests",
            dependencies: [
                "API", "cyclerd", "cyclerctl", "Storage", "Scheduler", "CyclerConfiguration",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "HummingbirdWSClient", package: "hummingbird-websocket"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "SchedulerTests",
            dependencies: ["Scheduler", "Storage", "ProtocolEngine", "CyclerConfiguration", "Instruments", "Transport"],
            swiftSettings: swiftSettings
        ),
        // Simulated runs with their truth, shared by the live model's tests and benchmarks.
        .target(
            name: "LiveModelFixtures",
            dependencies: ["LiveModel", "CellSimulator", "CyclerConfiguration", "Electrochemistry"],
            path: "Tests/LiveModelTests/Fixtures",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "LiveModelTests",
            dependencies: ["LiveModel", "LiveModelFixtures", "CellSimulator", "Instruments", "CyclerConfiguration", "Electrochemistry",
                           .product(name: "Numerics", package: "swift-numerics")],
            path: "Tests/LiveModelTests/Suites",
            swiftSettings: swiftSettings
        ),
    ],
    swiftLanguageModes: [.v6]
)
