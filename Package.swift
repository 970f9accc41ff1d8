// swift-tools-version:6.0
import PackageDescription

/// Relative relocations packed (DT_RELR, glibc 2.36): the static standard library brings some
/// 34 000 of them, which as RELA entries are a 690 KiB table that every start reads and that
/// stays resident (sitbreakd's RSS went from 13.2 to 12.2 MB). lld, shipped with the
/// toolchain, packs them into 6 KiB.
let packedRelocations: [LinkerSetting] = [
    .unsafeFlags(["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"], .when(platforms: [.linux])),
]

let package = Package(
    name: "sitbreak",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "sitbreakd", targets: ["sitbreakd"]),
        .executable(name: "sitbreakctl", targets: ["sitbreakctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // The sitting model: plain values and pure functions. No I/O, no clocks, no C.
        .target(name: "SitBreakCore", dependencies: ["SitBreakJSON"]),
        // JSON values, text and Codable, in plain Swift: Foundation would cost the daemon megabytes and milliseconds.
        .target(name: "SitBreakJSON"),
        // TOML 1.0 read into tables that keep where each key and value is written.
        .target(name: "SitBreakTOML"),
        // Reading sitbreak's own small files whatever is at their path: bounded, regular files only.
        .target(name: "SitBreakFiles"),
        // config.toml -> Settings, with PATH:LINE:COL errors. `[coach] avoid` names built-in moves.
        .target(
            name: "SitBreakConfig",
            dependencies: ["SitBreakCore", "SitBreakTOML", "SitBreakCoach", "SitBreakFiles"],
            plugins: ["EmbedConfigFiles"]
        ),
        // The psoas / hip-flexor exercise library and the choice of a move.
        .target(
            name: "SitBreakCoach",
            dependencies: ["SitBreakCore", "SitBreakTOML", "SitBreakFiles"],
            plugins: ["EmbedConfigFiles"]
        ),
        // Command lines: parsing, help, man pages and shell completions, without Foundation.
        .target(name: "SitBreakCLI", dependencies: ["SitBreakCore"]),
        .systemLibrary(
            name: "CSystemd",
            pkgConfig: "libsystemd",
            providers: [.apt(["libsystemd-dev"])]
        ),
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // Every break and reminder kept in SQLite, and the statistics read from it.
        .target(name: "SitBreakHistory", dependencies: ["SitBreakCore", "SitBreakJSON", "SitBreakFiles", "CSQLite"]),
        // Adapters to the operating system: sd-event, sockets, files, clocks, journal, terminals.
        .target(
            name: "SitBreakOS",
            dependencies: [
                "SitBreakCore", "SitBreakFiles", "CSystemd",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "sitbreakd",
            dependencies: [
                "SitBreakCore", "SitBreakConfig", "SitBreakCoach", "SitBreakOS", "SitBreakHistory",
                "SitBreakFiles", "SitBreakCLI",
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: packedRelocations
        ),
        .executableTarget(
            name: "sitbreakctl",
            dependencies: [
                "SitBreakCore", "SitBreakConfig", "SitBreakCoach", "SitBreakOS", "SitBreakHistory",
                "SitBreakFiles", "SitBreakCLI",
            ],
            linkerSettings: packedRelocations
        ),
        .executableTarget(name: "embed-file"),
        .plugin(name: "EmbedConfigFiles", capability: .buildTool(), dependencies: ["embed-file"]),
        .testTarget(name: "SitBreakCoreTests", dependencies: ["SitBreakCore", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakJSONTests", dependencies: ["SitBreakJSON", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakConfigTests", dependencies: ["SitBreakConfig", "SitBreakFiles"]),
        .testTarget(name: "SitBreakCoachTests", dependencies: ["SitBreakCoach"]),
        // For tests: a private dbus-daemon, Xvfb and dunst, and seeded randomness.
        .target(name: "SitBreakTestSupport", path: "Tests/SitBreakTestSupport"),
        .testTarget(name: "SitBreakOSTests", dependencies: ["SitBreakOS", "SitBreakFiles", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakFilesTests", dependencies: ["SitBreakFiles"]),
        .testTarget(name: "SitBreakHistoryTests", dependencies: ["SitBreakHistory", "SitBreakFiles"]),
        .testTarget(name: "SitBreakTOMLTests", dependencies: ["SitBreakTOML"]),
        .testTarget(name: "SitBreakCLITests", dependencies: ["SitBreakCLI"]),
        // Runs the built binaries as real processes: needs them built first.
        .testTarget(
            name: "SitBreakIntegrationTests",
            dependencies: ["sitbreakd", "sitbreakctl", "SitBreakCore", "SitBreakTestSupport"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
