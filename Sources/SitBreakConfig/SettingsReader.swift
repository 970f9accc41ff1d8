import SitBreakCoach
import SitBreakModel

/// Turns a config document into `Settings`: each table and key checked, missing keys taken
/// from `base`, and unknown names reported with the nearest known one.
enum SettingsReader {
    /// `base` is nil only for the built-in config, which must set every key itself.
    static func read(_ document: ConfigDocument, base: Settings?) throws(ConfigError) -> Settings {
        let breakSection = SectionReader(name: "break", document: document)
        let activitySection = SectionReader(name: "activity", document: document)
        let notifySection = SectionReader(name: "notify", document: document)
        let scheduleSection = SectionReader(name: "schedule", document: document)
        let coachSection = SectionReader(name: "coach", document: document)
        let historySection = SectionReader(name: "history", document: document)
        let traySection = SectionReader(name: "tray", document: document)
        let breaks = readBreak(breakSection, base: base?.breaks)
        let activity = readActivity(activitySection, base: base?.activity)
        let notify = readNotify(notifySection, base: base?.notify)
        let schedule = readSchedule(scheduleSection, base: base?.schedule)
        let coach = readCoach(coachSection, base: base?.coach)
        let history = readHistory(historySection, base: base?.history)
        let tray = readTray(traySection, base: base?.tray)
        reportUnknownNames(
            in: document,
            sections: [breakSection, activitySection, notifySection, scheduleSection, coachSection, historySection, traySection])
        if let problem = document.firstProblem { throw problem }
        guard let breaks, let activity, let notify, let schedule, let coach, let history, let tray else {
            preconditionFailure("a section came back empty without reporting why")
        }
        return Settings(
            breaks: breaks, activity: activity, notify: notify, schedule: schedule, coach: coach, history: history,
            tray: tray)
    }

    private static func readTray(_ section: SectionReader, base: TraySettings?) -> TraySettings? {
        let show: TraySettings.Show? = section.field("show", fallback: base?.show) { value throws(ValueProblem) in
            try FieldReaders.choice(value, noun: "a way to show the tray icon")
        }
        let passive = section.field("passive_while_paused", fallback: base?.passiveWhilePaused) {
            value throws(ValueProblem) in try FieldReaders.bool(value)
        }
        guard let show, let passive else { return nil }
        return TraySettings(show: show, passiveWhilePaused: passive)
    }

    private static func readHistory(_ section: SectionReader, base: HistorySettings?) -> HistorySettings? {
        let keep = section.field("keep", fallback: base?.keep) { value throws(ValueProblem) in
            let day: Seconds = 86_400
            let span = try FieldReaders.timeSpan(value, most: 100 * 365 * day, example: "365d")
            guard span >= day else { throw ValueProblem(problem: "must keep at least a day", fix: "write at least \"1d\", e.g. \"365d\"") }
            return span
        }
        return keep.map(HistorySettings.init)
    }

    /// A blip to suggest: the built-in 10 s, or half a break length shorter than that, in whole seconds.
    private static func suggestedBlip(within length: Seconds) -> Seconds {
        max(1, min(10, (length / 2).rounded(.down)))
    }

    private static func readBreak(_ section: SectionReader, base: BreakRules?) -> BreakRules? {
        let hour: Seconds = 3600
        let sitLimit = section.field("sit_limit", fallback: base?.sitLimit) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: 24 * hour, example: "45m")
        }
        let length = section.field("length", fallback: base?.length) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: 4 * hour, example: "3m")
        }
        let snooze = section.field("snooze", fallback: base?.snooze) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: 24 * hour, example: "10m")
        }
        let repeatEvery = section.field("repeat", fallback: base?.repeatEvery) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: 24 * hour, example: "5m")
        }
        let grace = section.field("grace", fallback: base?.grace) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: hour, example: "2m")
        }
        let minSit = section.field("min_sit", fallback: base?.minSit) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: hour, example: "1m")
        }
        let blip = section.field("blip", fallback: base?.blip) { value throws(ValueProblem) in
            try FieldReaders.timeSpan(value, most: 10 * 60, example: "10s")
        }
        guard let sitLimit, let length, let snooze, let repeatEvery, let grace, var minSit, var blip else { return nil }
        guard length < sitLimit else {
            reportLengthNotShorter(section, length: length, sitLimit: sitLimit)
            return nil
        }
        // Defaults the file does not set give way to a short sit limit or break length.
        if !section.isPresent("min_sit") { minSit = BreakRules.fitted(minSit, within: sitLimit) }
        if !section.isPresent("blip") { blip = BreakRules.fitted(blip, within: length) }
        guard blip < length else {
            let blipText = section.writtenText(of: "blip") ?? quoted(TimeSpan.format(blip))
            let lengthText = section.writtenText(of: "length") ?? quoted(TimeSpan.format(length))
            section.report(
                section.isPresent("blip") ? "blip" : "length",
                ValueProblem(
                    problem: "blip (\(blipText)) is not shorter than the break length (\(lengthText))",
                    fix: "write a blip of a few seconds, e.g. \(quoted(TimeSpan.format(suggestedBlip(within: length))))"))
            return nil
        }
        return BreakRules(
            sitLimit: sitLimit, length: length, snooze: snooze, repeatEvery: repeatEvery,
            grace: grace, minSit: minSit, blip: blip)
    }

    /// Blames `length` when the file sets it, else the `sit_limit` that undercuts the default length.
    private static func reportLengthNotShorter(_ section: SectionReader, length: Seconds, sitLimit: Seconds) {
        let lengthText = section.writtenText(of: "length") ?? quoted(TimeSpan.format(length))
        let sitLimitText = section.writtenText(of: "sit_limit") ?? quoted(TimeSpan.format(sitLimit))
        if section.isPresent("length") {
            section.report(
                "length",
                ValueProblem(
                    problem: "\(lengthText) is not shorter than sit_limit (\(sitLimitText))",
                    fix: "write less than \(sitLimitText)"))
        } else {
            section.report(
                "sit_limit",
                ValueProblem(
                    problem: "\(sitLimitText) is not longer than the break length (\(lengthText))",
                    fix: "write more than \(lengthText), or set a shorter length"))
        }
    }

    private static func readActivity(_ section: SectionReader, base: ActivitySettings?) -> ActivitySettings? {
        let sources = section.field("sources", fallback: base?.sources) { value throws(ValueProblem) in
            let names = try FieldReaders.names(
                value, allowed: ActivitySourceKind.allCases.map(\.rawValue), noun: "an activity source",
                example: #"["auto"]"#)
            if names.isEmpty {
                throw ValueProblem(
                    problem: "the list is empty", fix: #"write ["auto"], or name sources such as ["tty", "logind"]"#)
            }
            if names.count > 1, let auto = names.firstIndex(of: ActivitySourceKind.auto.rawValue) {
                throw ValueProblem(
                    problem: #""auto" cannot be mixed with other sources"#,
                    fix: #"write ["auto"] alone, or leave "auto" out"#, anchor: .element(auto))
            }
            return names.compactMap(ActivitySourceKind.init(rawValue:))
        }
        return sources.map(ActivitySettings.init(sources:))
    }

    private static func readNotify(_ section: SectionReader, base: NotifySettings?) -> NotifySettings? {
        let via: Delivery? = section.field("via", fallback: base?.via) { value throws(ValueProblem) in
            try FieldReaders.choice(value, noun: "a way to deliver reminders")
        }
        let respectDoNotDisturb = section.field("respect_dnd", fallback: base?.respectDoNotDisturb) {
            value throws(ValueProblem) in try FieldReaders.bool(value)
        }
        let sound = section.field("sound", fallback: base?.sound) { value throws(ValueProblem) in
            try FieldReaders.string(value, fix: #"write a sound name in quotes, e.g. "bell", or "" for none"#)
        }
        let holdDuring = section.field("hold_during", fallback: base?.holdDuring) { value throws(ValueProblem) in
            let names = try FieldReaders.names(
                value, allowed: Engagement.holdable.map(\.rawValue), noun: "a time to hold reminders",
                example: #"["call", "fullscreen"]"#)
            return Set(names.compactMap(Engagement.init(rawValue:)))
        }
        guard let via, let respectDoNotDisturb, let sound, let holdDuring else { return nil }
        return NotifySettings(via: via, respectDoNotDisturb: respectDoNotDisturb, sound: sound, holdDuring: holdDuring)
    }

    private static func readSchedule(_ section: SectionReader, base: Schedule?) -> Schedule? {
        let baseHours = base.map { (from: $0.activeFrom, until: $0.activeUntil) }
        let hours = section.field("active_hours", fallback: baseHours) { value throws(ValueProblem) in
            try ScheduleSyntax.activeHours(
                FieldReaders.string(value, fix: #"write "HH:MM-HH:MM" in quotes, e.g. "09:00-17:30""#))
        }
        let days = section.field("days", fallback: base?.days) { value throws(ValueProblem) in
            try ScheduleSyntax.days(FieldReaders.string(value, fix: #"write days in quotes, e.g. "Mon-Fri""#))
        }
        guard let hours, let days else { return nil }
        return Schedule(activeFrom: hours.from, activeUntil: hours.until, days: days)
    }

    /// The names the exercise library (`config/exercises.toml`) uses for equipment.
    private static let equipmentNames = Equipment.allCases.filter { $0 != .none }.map(\.rawValue)
    /// Kinds, places and positions of moves, `deep`, and the ids of the built-in moves.
    private static let avoidableNames = ExerciseLibrary.avoidableTraits + ExerciseLibrary.builtInIDs

    private static func readCoach(_ section: SectionReader, base: CoachSettings?) -> CoachSettings? {
        let place: CoachPlace? = section.field("place", fallback: base?.place) { value throws(ValueProblem) in
            try FieldReaders.choice(value, noun: "a place for breaks")
        }
        let equipment = section.field("equipment", fallback: base?.equipment) { value throws(ValueProblem) in
            try FieldReaders.names(value, allowed: equipmentNames, noun: "equipment sitbreak knows",
                example: #"["band", "mat"]"#)
        }
        let avoid = section.field("avoid", fallback: base?.avoid) { value throws(ValueProblem) in
            try FieldReaders.names(
                value, allowed: avoidableNames, noun: "a kind, place or position of move, or a move's id",
                example: #"["floor", "kneeling", "pigeon-pose"]"#,
                described: "write kinds (\(ExerciseKind.allCases.map(\.rawValue).joined(separator: ", "))), places ("
                    + ExercisePlace.allCases.map(\.rawValue).joined(separator: ", ") + "), positions ("
                    + ExercisePosition.allCases.map(\.rawValue).joined(separator: ", ")
                    + "), \"deep\", or ids from `sitbreakctl exercises`")
        }
        let injured = section.field("injured", fallback: base?.injured) { value throws(ValueProblem) in
            try FieldReaders.bool(value)
        }
        guard let place, let equipment, let avoid, let injured else { return nil }
        return CoachSettings(place: place, equipment: equipment, avoid: avoid, injured: injured)
    }

    private static func reportUnknownNames(in document: ConfigDocument, sections: [SectionReader]) {
        let tableNames = sections.map(\.name)
        let tableList = tableNames.map { "[\($0)]" }.joined(separator: ", ")
        func homeTable(of key: String) -> String? {
            sections.first { $0.knownKeys.contains(key) }?.name
        }
        for section in sections {
            guard let table = section.table else { continue }
            for key in table.keys where !section.knownKeys.contains(key) {
                let fix =
                    if let near = nearestName(to: key, among: section.knownKeys) {
                        "did you mean \(quoted(near))?"
                    } else if let home = homeTable(of: key) {
                        "\(quoted(key)) belongs in [\(home)]"
                    } else {
                        "keys in [\(section.name)] are \(section.knownKeys.joined(separator: ", "))"
                    }
                section.report(key, ValueProblem(problem: "unknown key", fix: fix, anchor: .key))
            }
        }
        for key in document.root.keys where !tableNames.contains(key) {
            let problem =
                if let home = homeTable(of: key) {
                    ValueProblem(problem: "key outside any table", fix: "move it under [\(home)]", anchor: .key)
                } else if document.root[key]?.table != nil {
                    ValueProblem(
                        problem: "unknown table",
                        fix: nearestName(to: key, among: tableNames).map { "did you mean [\($0)]?" }
                            ?? "tables are \(tableList)",
                        anchor: .key)
                } else {
                    ValueProblem(problem: "unknown key", fix: "settings go under \(tableList)", anchor: .key)
                }
            document.report(problem, at: [key])
        }
    }
}
