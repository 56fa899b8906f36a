// swift-tools-version:6.1
import Foundation
import PackageDescription

// A path dependency is known by its directory's name, which differs between
// checkouts (main, worktrees), so it is computed rather than written.
let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
let cyclerd = root.lastPathComponent.lowercased()

// A release-mode benchmark of the executor's safety path, kept out of the
// main package so `swift build` there never compiles it.
let package = Package(
    name: "safety-latency",
    platforms: [.macOS(.v15)],
    dependencies: [.package(path: "../..")],
    targets: [
        .executableTarget(
            name: "SafetyLatency",
            dependencies: [
                .product(name: "ProtocolEngine", package: cyclerd),
                .product(name: "Instruments", package: cyclerd),
                .product(name: "CellSimulator", package: cyclerd),
                .product(name: "Configuration", package: cyclerd),
            ],
            swiftSettings: [.enableUpcomingFeature("ExistentialAny"), .enableUpcomingFeature("MemberImportVisibility")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
