import SitBreakBus
import SitBreakModel
import SitBreakProtocol
import SitBreakTestSupport
import Testing

@testable import SitBreakTray

/// The menu as com.canonical.dbusmenu hosts read it: types as the spec gives them, or
/// GNOME's AppIndicator extension drops the layout ("While reading menu layout").
@Suite struct DBusMenuLayoutTests {
    static let menu: [TrayMenuItem] = {
        var desk = VirtualDesk()
        desk.pass(46 * minute)
        let status = StatusReport(desk.status, activitySources: [], reminderChannels: [], problems: [])
        return TrayView(status, at: desk.now, snooze: 600, passiveWhilePaused: false).menu
    }()

    @Test func theRootLayoutIsTypedAsTheSpecSays() throws {
        let layout = try #require(DBusMenuLayout.layout(of: Self.menu, parent: 0, depth: -1, propertyNames: []))
        #expect(layout.signature == "(ia{sv}av)")
        guard case .structure(let fields) = layout, case .array(_, let children) = fields[2] else {
            Issue.record("not (ia{sv}av): \(layout)")
            return
        }
        #expect(fields[0] == .int32(0))
        #expect(fields[1].dictionaryValue?["children-display"] == .string("submenu"))
        #expect(children.count == Self.menu.count)
        #expect(children.allSatisfy { $0.signature == "v" && $0.unwrapped.signature == "(ia{sv}av)" })
    }

    @Test func depthAndPropertyNamesAreHonoured() throws {
        let shallow = try #require(DBusMenuLayout.layout(of: Self.menu, parent: 0, depth: 0, propertyNames: []))
        guard case .structure(let fields) = shallow, case .array(_, let children) = fields[2] else { return }
        #expect(children.isEmpty)
        let pause = try #require(DBusMenuLayout.layout(of: Self.menu, parent: 6, depth: 1, propertyNames: ["label"]))
        guard case .structure(let pauseFields) = pause, case .array(_, let entries) = pauseFields[2] else { return }
        #expect(pauseFields[1].dictionaryValue == ["label": .string("Pause")])
        #expect(entries.compactMap { entry -> String? in
            guard case .structure(let inner) = entry.unwrapped else { return nil }
            return inner[1].dictionaryValue?["label"]?.stringValue
        } == ["For 30 minutes", "For 1 hour", "Until tomorrow"])
        #expect(DBusMenuLayout.layout(of: Self.menu, parent: 999, depth: -1, propertyNames: []) == nil)
    }

    @Test func entriesSendOnlyWhatDiffersFromTheDefaults() throws {
        let header = try #require(TrayMenuItem.find(1, in: Self.menu))
        #expect(DBusMenuLayout.properties(of: header)["enabled"] == .bool(false))
        let separator = try #require(TrayMenuItem.find(2, in: Self.menu))
        #expect(DBusMenuLayout.properties(of: separator) == ["type": .string("separator")])
        let snooze = try #require(TrayMenuItem.find(4, in: Self.menu))
        #expect(DBusMenuLayout.properties(of: snooze) == ["label": .string("Snooze 10 min")])
        let resume = try #require(TrayMenuItem.find(7, in: Self.menu))
        #expect(DBusMenuLayout.properties(of: resume)["visible"] == .bool(false))
        #expect(DBusMenuLayout.escapedLabel("Try: knee_lift") == "Try: knee__lift")
    }

    @Test func aHostIsToldWhichEntriesChangedAndWhichCameBackToTheirDefaults() {
        func menu(_ configure: (inout VirtualDesk) -> Void) -> [TrayMenuItem] {
            var desk = VirtualDesk()
            configure(&desk)
            let status = StatusReport(desk.status, activitySources: [], reminderChannels: [], problems: [])
            return TrayView(status, at: desk.now, snooze: 600, passiveWhilePaused: false).menu
        }
        let calm = menu { $0.pass(20 * minute) }
        let due = menu { $0.pass(46 * minute) }
        let changes = DBusMenuLayout.changes(from: calm, to: due)
        // Same entries, same places: no LayoutUpdated, only their properties.
        #expect(!changes.structureChanged)
        #expect(changes.updated.map(\.id) == [1])
        #expect(changes.updated.first?.properties == ["label": .string("Sitting 46 min · time for a break · 0 breaks today")])
        // Snooze and Skip were hidden: their `visible: false` goes, so they show.
        #expect(changes.removed.map(\.id) == [4, 5] && changes.removed.allSatisfy { $0.names == ["visible"] })
        #expect(changes.signalArguments.map(\.signature) == ["a(ia{sv})", "a(ias)"])
        let back = DBusMenuLayout.changes(from: due, to: calm)
        #expect(back.updated.filter { $0.properties["visible"] == .bool(false) }.map(\.id) == [4, 5])
        #expect(DBusMenuLayout.changes(from: due, to: due).isEmpty)
    }

    @Test func groupPropertiesAnswerTheIdsAskedForThatExist() {
        let group = DBusMenuLayout.groupProperties(of: Self.menu, ids: [3, 61, 404], propertyNames: ["label"])
        #expect(group.signature == "a(ia{sv})")
        guard case .array(_, let entries) = group else { return }
        #expect(entries == [
            .structure([.int32(3), .properties(["label": .string("Start break now")])]),
            .structure([.int32(61), .properties(["label": .string("For 30 minutes")])]),
        ])
    }
}

@Suite struct TrayPixmapTests {
    @Test(arguments: TrayIcon.allCases)
    func everySizeIsARGB32WithTransparentCornersAndTheStatesColour(_ icon: TrayIcon) {
        for size in TrayPixmap.sizes {
            let pixels = TrayPixmap.render(icon, size: size)
            #expect(pixels.count == size * size * 4)
            #expect(pixels[0] == 0, "top-left corner of \(icon) at \(size) px is not transparent")
            // Inside the disc's left edge (and the away ring), on the middle row: the state's colour, opaque.
            let offset = ((size / 2) * size + size / 10) * 4
            let (red, green, blue) = TrayPixmap.colour(icon)
            #expect(pixels[offset] == 255)
            #expect(pixels[offset + 1] == UInt8(red) && pixels[offset + 2] == UInt8(green) && pixels[offset + 3] == UInt8(blue))
        }
        #expect(TrayPixmap.value(icon).signature == "a(iiay)")
    }

    @Test func theStatesLookDifferent() {
        let drawn = TrayIcon.allCases.map { TrayPixmap.render($0, size: 22) }
        #expect(Set(drawn).count == TrayIcon.allCases.count)
    }
}

@Suite struct BusAPITests {
    func status(_ configure: (inout VirtualDesk) -> Void) -> StatusReport {
        var desk = VirtualDesk()
        configure(&desk)
        return StatusReport(desk.status, activitySources: [], reminderChannels: [], problems: [])
    }

    @Test func onlyAnnouncedPropertiesThatChangedAreSent() {
        let early = status { $0.pass(10 * minute) }
        let later = status { $0.pass(20 * minute) }
        // The seconds tick on: read when wanted, never a signal a second.
        #expect(BusAPI.changes(from: early, to: later).isEmpty)
        let due = status { $0.pass(46 * minute) }
        #expect(BusAPI.changes(from: later, to: due) == ["OverdueReminders": .uint32(1), "RemindersToday": .uint32(1)])
        let onBreak = status { $0.pass(46 * minute); $0.command(.startBreak) }
        #expect(BusAPI.changes(from: due, to: onBreak)["State"] == .string("break"))
        #expect(BusAPI.properties(of: onBreak).keys.sorted() == BusAPI.interface.properties.map(\.name).sorted())
    }

    @Test func methodsAreTheCLIsCommandsWithTheCLIsLimits() {
        #expect(BusAPI.command("Snooze", arguments: [.uint32(0)]) == .success(.snooze(nil)))
        #expect(BusAPI.command("Pause", arguments: [.uint32(1_800)]) == .success(.pause(1_800)))
        #expect(BusAPI.command("Pause", arguments: [.uint32(8 * 86_400)])
            == .failure(.invalidArguments("8d is out of range; give 1s to 7d, or 0")))
        #expect(BusAPI.command("StartBreak", arguments: []) == .success(.startBreak))
        #expect(BusAPI.command("GetStatus", arguments: []) == nil)
    }
}
