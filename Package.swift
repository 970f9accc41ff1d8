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
    products: [
        .executable(name: "sitbreakd", targets: ["sitbreakd"]),
        .executable(name: "sitbreakctl", targets: ["sitbreakctl"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // ---- The functional core: plain values and pure functions, no I/O. ----
        // The sitting model: state, events, `SittingModel.step`, settings and time.
        .target(name: "SitBreakModel"),
        // What crosses the control socket and the state file: requests, replies, status, saved state.
        .target(name: "SitBreakProtocol", dependencies: ["SitBreakModel", "SitBreakJSON"]),
        // Words and formats for people: reminder and notification text, status formats, journal events.
        .target(name: "SitBreakPresentation", dependencies: ["SitBreakModel", "SitBreakProtocol"]),
        // The desktop session: its environment, how it is handed over, and advice when it is not.
        .target(name: "SitBreakDesktop"),
        // Who is at the desk: merging activity sources, choosing them, idle polling.
        .target(name: "SitBreakPresence", dependencies: ["SitBreakModel"]),
        // The psoas / hip-flexor exercise library and the choice of a move.
        .target(
            name: "SitBreakCoach",
            dependencies: ["SitBreakModel", "SitBreakTOML", "SitBreakFiles"],
            plugins: ["EmbedConfigFiles"]
        ),
        // config.toml -> Settings, with PATH:LINE:COL errors. `[coach] avoid` names built-in moves.
        .target(
            name: "SitBreakConfig",
            dependencies: ["SitBreakModel", "SitBreakTOML", "SitBreakCoach", "SitBreakFiles"],
            plugins: ["EmbedConfigFiles"]
        ),
        // JSON values, text and Codable, in plain Swift: Foundation would cost the daemon megabytes and milliseconds.
        .target(name: "SitBreakJSON"),
        // TOML 1.0 read into tables that keep where each key and value is written.
        .target(name: "SitBreakTOML"),
        // Command lines: parsing, help, man pages and shell completions, without Foundation.
        .target(name: "SitBreakCLI", dependencies: ["SitBreakModel"]),

        // ---- The imperative shell: one module per thing spoken to. ----
        .systemLibrary(name: "CSystemd", pkgConfig: "libsystemd", providers: [.apt(["libsystemd-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        // The one sd-event loop, the kernel clocks it runs on, and the suspend they reveal.
        .target(name: "SitBreakEventLoop", dependencies: ["SitBreakModel", "CSystemd"]),
        // Files: sitbreak's own (bounded reads, atomic state, the XDG directories, the instance
        // lock), installed data, dconf's database, the user's terminals, capture devices.
        .target(name: "SitBreakFiles", dependencies: ["SitBreakModel"]),
        // The control socket: the daemon's server and sitbreakctl's client.
        .target(
            name: "SitBreakControlSocket", dependencies: ["SitBreakEventLoop", "SitBreakFiles", "SitBreakModel", "CSystemd"]),
        // The session bus through sd-bus: calls, signals, a monitor, desktop notifications.
        .target(
            name: "SitBreakBus", dependencies: ["SitBreakEventLoop", "SitBreakModel", "SitBreakPresentation", "CSystemd"]),
        // The panel: what the tray icon, tooltip and menu show for a status, as dbusmenu and
        // StatusNotifierItem values.
        .target(name: "SitBreakTray", dependencies: ["SitBreakModel", "SitBreakProtocol", "SitBreakBus"]),
        // X11 and Wayland display servers: idle time and fullscreen windows.
        .target(name: "SitBreakDisplay", dependencies: ["SitBreakDesktop", "SitBreakFiles", "SitBreakModel"]),
        // systemd itself: sd_notify and the journal.
        .target(
            name: "SitBreakSystemd",
            dependencies: [
                "SitBreakModel", "SitBreakPresentation", "CSystemd", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // Every break and reminder kept in SQLite, and the statistics read from it.
        .target(name: "SitBreakHistory", dependencies: ["SitBreakModel", "SitBreakJSON", "SitBreakFiles", "CSQLite"]),

        // ---- The programs. ----
        .executableTarget(
            name: "sitbreakd",
            dependencies: [
                "SitBreakModel", "SitBreakProtocol", "SitBreakPresentation", "SitBreakDesktop", "SitBreakPresence",
                "SitBreakCoach", "SitBreakConfig", "SitBreakCLI", "SitBreakEventLoop", "SitBreakFiles",
                "SitBreakControlSocket", "SitBreakBus", "SitBreakDisplay", "SitBreakSystemd", "SitBreakHistory",
                "SitBreakTray", .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: packedRelocations
        ),
        .executableTarget(
            name: "sitbreakctl",
            dependencies: [
                "SitBreakModel", "SitBreakProtocol", "SitBreakPresentation", "SitBreakDesktop", "SitBreakPresence",
                "SitBreakCoach", "SitBreakConfig", "SitBreakCLI", "SitBreakEventLoop", "SitBreakFiles",
                "SitBreakControlSocket", "SitBreakBus", "SitBreakDisplay", "SitBreakHistory", "SitBreakJSON",
            ],
            linkerSettings: packedRelocations
        ),
        .executableTarget(name: "embed-file"),
        .plugin(name: "EmbedConfigFiles", capability: .buildTool(), dependencies: ["embed-file"]),

        // ---- Tests: a target per module; the integration tests run the built programs. ----
        // For tests: a private dbus-daemon, Xvfb and dunst, a virtual desk, temporary directories, seeded randomness.
        .target(name: "SitBreakTestSupport", dependencies: ["SitBreakModel"], path: "Tests/SitBreakTestSupport"),
        .testTarget(
            name: "SitBreakModelTests",
            dependencies: ["SitBreakModel", "SitBreakProtocol", "SitBreakPresentation", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakProtocolTests", dependencies: ["SitBreakProtocol", "SitBreakTestSupport"]),
        .testTarget(
            name: "SitBreakPresentationTests",
            dependencies: ["SitBreakPresentation", "SitBreakPresence", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakDesktopTests", dependencies: ["SitBreakDesktop"]),
        .testTarget(name: "SitBreakPresenceTests", dependencies: ["SitBreakPresence"]),
        .testTarget(name: "SitBreakCoachTests", dependencies: ["SitBreakCoach", "SitBreakPresentation", "SitBreakProtocol"]),
        .testTarget(name: "SitBreakConfigTests", dependencies: ["SitBreakConfig", "SitBreakFiles"]),
        .testTarget(name: "SitBreakJSONTests", dependencies: ["SitBreakJSON", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakTOMLTests", dependencies: ["SitBreakTOML"]),
        .testTarget(name: "SitBreakCLITests", dependencies: ["SitBreakCLI"]),
        .testTarget(name: "SitBreakEventLoopTests", dependencies: ["SitBreakEventLoop"]),
        .testTarget(name: "SitBreakFilesTests", dependencies: ["SitBreakFiles", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakControlSocketTests", dependencies: ["SitBreakControlSocket"]),
        .testTarget(name: "SitBreakBusTests", dependencies: ["SitBreakBus", "SitBreakTestSupport"]),
        .testTarget(
            name: "SitBreakTrayTests",
            dependencies: ["SitBreakTray", "SitBreakBus", "SitBreakProtocol", "SitBreakModel", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakDisplayTests", dependencies: ["SitBreakDisplay", "SitBreakTestSupport"]),
        .testTarget(name: "SitBreakSystemdTests", dependencies: ["SitBreakSystemd", "SitBreakTestSupport"]),
        .testTarget(
            name: "SitBreakHistoryTests",
            dependencies: ["SitBreakHistory", "SitBreakPresentation", "SitBreakProtocol", "SitBreakFiles"]),
        // What each fuzz target checks of an input (Tests/fuzz/run.sh links it into libFuzzer
        // targets), and every corpus input replayed through it as a unit test.
        .target(
            name: "SitBreakFuzzChecks",
            dependencies: [
                "SitBreakModel", "SitBreakProtocol", "SitBreakPresentation", "SitBreakJSON", "SitBreakConfig",
                "SitBreakCoach",
            ],
            path: "Tests/fuzz/Checks"
        ),
        .testTarget(name: "SitBreakFuzzReplayTests", dependencies: ["SitBreakFuzzChecks"], path: "Tests/fuzz/Replay"),
        // Runs the built binaries as real processes: needs them built first.
        .testTarget(
            name: "SitBreakIntegrationTests",
            dependencies: [
                "sitbreakd", "sitbreakctl", "SitBreakDesktop", "SitBreakEventLoop", "SitBreakHistory", "SitBreakJSON",
                "SitBreakModel", "SitBreakTestSupport",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
