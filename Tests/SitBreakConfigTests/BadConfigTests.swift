import SitBreakConfig
import Testing

/// A config text and the whole message it must be rejected with.
struct BadConfig: Sendable, CustomTestStringConvertible {
    let text: String
    let error: String
    var testDescription: String { error }

    init(_ text: String, _ error: String) {
        self.text = text
        self.error = error
    }
}

private func rejection(of config: BadConfig, path: String = "config.toml") -> String? {
    do {
        _ = try ConfigLoader.parse(config.text, path: path)
        return nil
    } catch {
        return error.description
    }
}

@Suite struct BadConfigTests {
    @Test func theMessageNamesTheFileLineColumnKeyProblemAndFix() {
        let config = BadConfig(
            "# my settings\n[break]\nsit_limit = \"45\"\n",
            #"/home/u/.config/sitbreak/config.toml:3:13: break.sit_limit: "45" has no unit; write "45m""#)
        #expect(rejection(of: config, path: "/home/u/.config/sitbreak/config.toml") == config.error)
    }

    @Test(arguments: [
        BadConfig("[break]\nlength = 3", #"config.toml:2:10: break.length: 3 has no unit; write "3m""#),
        BadConfig("[history]\nkeep = \"2h\"", #"config.toml:2:8: history.keep: must keep at least a day; write at least "1d", e.g. "365d""#),
        BadConfig("[history]\nkeep = 365", #"config.toml:2:8: history.keep: 365 has no unit; write "6h 5m""#),
        BadConfig("[break]\nlength = 1.5", #"config.toml:2:10: break.length: 1.5 has no unit; write "1m 30s""#),
        BadConfig(
            "[break]\nsnooze = \"10 mins\"",
            #"config.toml:2:10: break.snooze: "10 mins" has an unknown unit "mins"; use a unit among us, ms, s, m, h, d, w, e.g. "45m""#
        ),
        BadConfig("[break]\nsnooze = \"10M\"", #"config.toml:2:10: break.snooze: "10M" has an unknown unit "M"; write "10m""#),
        BadConfig("[break]\nrepeat = \"-5m\"", #"config.toml:2:10: break.repeat: "-5m" is negative; write "5m""#),
        BadConfig("[break]\nsnooze = \"0m\"", #"config.toml:2:10: break.snooze: "0m" is zero; write a longer span, e.g. "10m""#),
        BadConfig(
            "[break]\nrepeat = \"\"",
            #"config.toml:2:10: break.repeat: the time span is empty; write a number and a unit, e.g. "45m" or "1h 30m""#),
        BadConfig(
            "[break]\nrepeat = \"soon\"",
            #"config.toml:2:10: break.repeat: "soon" is not a time span; write a number and a unit, e.g. "45m" or "1h 30m""#),
        BadConfig("[break]\nsit_limit = \"25h\"", #"config.toml:2:13: break.sit_limit: "25h" is more than 1d; write at most "1d""#),
        BadConfig(
            "[break]\nsit_limit = \"500ms\"",
            #"config.toml:2:13: break.sit_limit: "500ms" is less than 1s; write at least "1s""#),
        BadConfig(
            "[break]\nsit_limit = \"10h\"\nlength = \"5h\"",
            #"config.toml:3:10: break.length: "5h" is more than 4h; write at most "4h""#),
        BadConfig("[break]\nsnooze = \"2d\"", #"config.toml:2:10: break.snooze: "2d" is more than 1d; write at most "1d""#),
        BadConfig("[break]\nrepeat = \"100ms\"", #"config.toml:2:10: break.repeat: "100ms" is less than 1s; write at least "1s""#),
        BadConfig(
            "[break]\nsit_limit = \"30m\"\nlength = \"30m\"",
            #"config.toml:3:10: break.length: "30m" is not shorter than sit_limit ("30m"); write less than "30m""#),
        BadConfig(
            "[break]\nsit_limit = \"2m\"",
            #"config.toml:2:13: break.sit_limit: "2m" is not longer than the break length ("3m"); write more than "3m", or set a shorter length"#
        ),
        // The fix suggests a blip that fits the short break: the built-in 10 s would not.
        BadConfig(
            "[break]\nsit_limit = \"4s\"\nlength = \"2s\"\nblip = \"10s\"",
            #"config.toml:4:8: break.blip: blip ("10s") is not shorter than the break length ("2s"); write a blip of a few seconds, e.g. "1s""#),
        BadConfig(
            "[break]\nlength = true",
            #"config.toml:2:10: break.length: expected a time span, found true; write a time span in quotes, e.g. "3m""#),
        BadConfig("[brake]\nsit_limit = \"30m\"", "config.toml:1:2: brake: unknown table; did you mean [break]?"),
        BadConfig(
            "[display]\ncolour = 1",
            "config.toml:1:2: display: unknown table; tables are [break], [activity], [notify], [schedule], [coach], [history], [tray]"),
        BadConfig(
            "[break]\n  sitlimit = \"30m\"",
            #"config.toml:2:3: break.sitlimit: unknown key; did you mean "sit_limit"?"#),
        BadConfig("[break]\nvia = \"desktop\"", #"config.toml:2:1: break.via: unknown key; "via" belongs in [notify]"#),
        BadConfig(
            "[coach]\ncolour = \"red\"",
            "config.toml:2:1: coach.colour: unknown key; keys in [coach] are place, equipment, avoid, injured"),
        BadConfig(
            "[break.extra]\nx = 1",
            "config.toml:1:2: break.extra: unknown key; keys in [break] are sit_limit, length, snooze, repeat, grace, min_sit, blip"),
        BadConfig("sit_limit = \"30m\"", "config.toml:1:1: sit_limit: key outside any table; move it under [break]"),
        BadConfig(
            "volume = 3",
            "config.toml:1:1: volume: unknown key; settings go under [break], [activity], [notify], [schedule], [coach], [history], [tray]"),
        BadConfig(
            "break = \"45m\"",
            #"config.toml:1:1: break: expected a table, found "45m"; write the settings under a [break] header"#),
        BadConfig(
            "[[break]]\nsit_limit = \"30m\"",
            "config.toml:1:3: break: expected a table, found a list; write the settings under a [break] header"),
        BadConfig(
            "[activity]\nsources = [\"tty\", \"xorg\"]",
            #"config.toml:2:19: activity.sources: "xorg" is not an activity source; write one of "auto", "manual", "tty", "gnome", "wayland", "x11", "logind""#
        ),
        BadConfig(
            "[activity]\nsources = [\"tty\", \"gnom\"]",
            #"config.toml:2:19: activity.sources: "gnom" is not an activity source; did you mean "gnome"?"#),
        BadConfig(
            "[activity]\nsources = [\"tty\", \"auto\"]",
            #"config.toml:2:19: activity.sources: "auto" cannot be mixed with other sources; write ["auto"] alone, or leave "auto" out"#
        ),
        BadConfig(
            "[activity]\nsources = [\n  \"tty\",  # terminals\n  \"logind\",\n  \"tty\",\n]",
            #"config.toml:5:3: activity.sources: "tty" is listed twice; remove one of them"#),
        BadConfig(
            "[notify]\nhold_during = [\"cal\"]",
            #"config.toml:2:16: notify.hold_during: "cal" is not a time to hold reminders; did you mean "call"?"#),
        BadConfig(
            "[notify]\nhold_during = [\"meeting\"]",
            #"config.toml:2:16: notify.hold_during: "meeting" is not a time to hold reminders; write one of "call", "fullscreen", "presentation""#),
        BadConfig(
            "[activity]\nsources = []",
            #"config.toml:2:11: activity.sources: the list is empty; write ["auto"], or name sources such as ["tty", "logind"]"#
        ),
        BadConfig(
            "[activity]\nsources = \"auto\"",
            #"config.toml:2:11: activity.sources: expected a list, found "auto"; write a list in brackets, e.g. ["auto"]"#),
        BadConfig(
            "[activity]\nsources = [\"tty\", 1]",
            #"config.toml:2:19: activity.sources: expected a name in quotes, found a number; write names in quotes, e.g. ["auto"]"#
        ),
        BadConfig(
            "[notify]\nvia = \"desktp\"",
            #"config.toml:2:7: notify.via: "desktp" is not a way to deliver reminders; did you mean "desktop"?"#),
        BadConfig(
            "[notify]\nvia = \"email\"",
            #"config.toml:2:7: notify.via: "email" is not a way to deliver reminders; write one of "auto", "desktop", "terminal", "both""#
        ),
        BadConfig(
            "[notify]\nvia = [\"desktop\"]",
            #"config.toml:2:7: notify.via: expected a string, found ["desktop"]; write one of "auto", "desktop", "terminal", "both""#
        ),
        BadConfig(
            "[notify]\nrespect_dnd = \"yes\"",
            #"config.toml:2:15: notify.respect_dnd: expected true or false, found "yes"; write true or false, without quotes"#),
        BadConfig(
            "[notify]\nsound = false",
            #"config.toml:2:9: notify.sound: expected a string, found false; write a sound name in quotes, e.g. "bell", or "" for none"#
        ),
        BadConfig(
            "[schedule]\nactive_hours = \"9-17\"",
            #"config.toml:2:16: schedule.active_hours: "9-17" is not a range of hours; write "HH:MM-HH:MM", e.g. "09:00-17:30""#
        ),
        BadConfig(
            "[schedule]\nactive_hours = \"09:00-25:00\"",
            #"config.toml:2:16: schedule.active_hours: "09:00-25:00" has hour 25; hours run from 00 to 24"#),
        BadConfig(
            "[schedule]\nactive_hours = \"09:60-17:00\"",
            #"config.toml:2:16: schedule.active_hours: "09:60-17:00" has minute 60; minutes run from 00 to 59"#),
        BadConfig(
            "[schedule]\nactive_hours = \"09:00-09:00\"",
            #"config.toml:2:16: schedule.active_hours: "09:00-09:00" ends when it starts; for the whole day write "00:00-24:00""#
        ),
        BadConfig(
            "[schedule]\nactive_hours = \"22:00-24:30\"",
            #"config.toml:2:16: schedule.active_hours: "22:00-24:30" goes past 24:00; write "24:00" for the end of the day"#
        ),
        BadConfig(
            "[schedule]\nactive_hours = \"24:00-08:00\"",
            #"config.toml:2:16: schedule.active_hours: "24:00-08:00" starts at 24:00, the end of the day; write "00:00-08:00""#
        ),
        BadConfig(
            "[schedule]\nactive_hours = 9",
            #"config.toml:2:16: schedule.active_hours: expected a string, found 9; write "HH:MM-HH:MM" in quotes, e.g. "09:00-17:30""#
        ),
        BadConfig("[schedule]\ndays = \"Mon-Fir\"", #"config.toml:2:8: schedule.days: "Fir" is not a day; did you mean "Fri"?"#),
        BadConfig(
            "[schedule]\ndays = \"Funday\"",
            #"config.toml:2:8: schedule.days: "Funday" is not a day; write days as Mon, Tue, Wed, Thu, Fri, Sat, Sun"#),
        BadConfig(
            "[schedule]\ndays = \"Mon-Wed-Fri\"",
            #"config.toml:2:8: schedule.days: "Mon-Wed-Fri" is neither a day nor a range of two days; write a range as "Mon-Fri""#
        ),
        BadConfig(
            "[schedule]\ndays = \"\"",
            #"config.toml:2:8: schedule.days: "" names no day; write e.g. "Mon-Fri" or "Mon,Wed,Fri""#),
        BadConfig(
            "[schedule]\ndays = \"Mon,,Fri\"",
            #"config.toml:2:8: schedule.days: "Mon,,Fri" has an empty entry between commas; write e.g. "Mon-Fri" or "Mon,Wed,Fri""#
        ),
        BadConfig(
            "[schedule]\ndays = [\"Mon\"]",
            #"config.toml:2:8: schedule.days: expected a string, found ["Mon"]; write days in quotes, e.g. "Mon-Fri""#),
        BadConfig(
            "[coach]\nplace = \"gym\"",
            #"config.toml:2:9: coach.place: "gym" is not a place for breaks; write one of "office", "home""#),
        BadConfig(
            "[coach]\nequipment = [\"band\", \"foam_roller\"]",
            #"config.toml:2:22: coach.equipment: "foam_roller" is not equipment sitbreak knows; did you mean "foam-roller"?"#
        ),
        BadConfig(
            "[coach]\nequipment = [\"mat\", \"mat\"]",
            #"config.toml:2:21: coach.equipment: "mat" is listed twice; remove one of them"#),
        BadConfig(
            "[coach]\navoid = [\"yoga\"]",
            #"config.toml:2:10: coach.avoid: "yoga" is not a kind, place or position of move, or a move's id; write kinds (stretch, release, strength, mobility, walk), places (desk, standing, floor), positions (standing, seated, kneeling, lying, face-down, wrist-loaded, hanging), "deep", or ids from `sitbreakctl exercises`"#
        ),
        BadConfig(
            "[coach]\navoid = [\"kneeling\", \"pigeon-pos\"]",
            #"config.toml:2:22: coach.avoid: "pigeon-pos" is not a kind, place or position of move, or a move's id; did you mean "pigeon-pose"?"#
        ),
        BadConfig(
            "[coach]\ninjured = \"no\"",
            #"config.toml:2:11: coach.injured: expected true or false, found "no"; write true or false, without quotes"#),
        BadConfig("break = { sit_limit = \"45\" }", #"config.toml:1:23: break.sit_limit: "45" has no unit; write "45m""#),
        BadConfig("break.sit_limit = \"45\"", #"config.toml:1:19: break.sit_limit: "45" has no unit; write "45m""#),
        BadConfig("[break]\n\"sit_limit\" = \"45\"", #"config.toml:2:15: break.sit_limit: "45" has no unit; write "45m""#),
        BadConfig(
            "notify = { sound = \"é\", via = \"email\" }",
            #"config.toml:1:31: notify.via: "email" is not a way to deliver reminders; write one of "auto", "desktop", "terminal", "both""#
        ),
        BadConfig(
            "[coach]\nplace = \"\"\"\nhome\"\"\"\n[break]\nlength = \"1 ü\"",
            #"config.toml:5:10: break.length: "1 ü" has an unknown unit "ü"; use a unit among us, ms, s, m, h, d, w, e.g. "45m""#
        ),
        BadConfig(
            "[coach]\nplace = '''\nhouse'''",
            #"config.toml:2:9: coach.place: "house" is not a place for breaks; write one of "office", "home""#),
        BadConfig(
            "[break]\nsit_limit = 45m",
            #"config.toml:2:13: expected a value, found 45m; put the value in quotes: "45m""#),
        BadConfig(
            "[notify]\nvia = desktop # where",
            #"config.toml:2:7: expected a value, found desktop; put the value in quotes: "desktop""#),
        BadConfig("[break\n", "config.toml:1:7: expected ']' after the table name, found the end of the line"),
        BadConfig(
            "[break]\nsnooze = \"5m\"\nsnooze = \"6m\"",
            #"config.toml:3:1: key "snooze" defined twice (first at 2:1)"#),
    ])
    func isRejectedWithItsPlaceAndAFix(config: BadConfig) {
        #expect(rejection(of: config) == config.error)
    }

    @Test func theFirstProblemInTheFileIsReported() {
        // [break] is read before [notify], but the reader must still report the earlier line.
        let config = BadConfig(
            "[notify]\nvia = \"email\"\n[break]\nsit_limit = \"45\"\n",
            #"config.toml:2:7: notify.via: "email" is not a way to deliver reminders; write one of "auto", "desktop", "terminal", "both""#
        )
        #expect(rejection(of: config) == config.error)
    }
}
