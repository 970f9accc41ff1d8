import SitBreakModel
import SitBreakTOML

/// Turns one `[[exercise]]` table into an `Exercise`, or into an error that points at the problem.
struct ExerciseTableReader {
    let path: String
    let table: TOMLTable
    /// Where the table's `[[exercise]]` header starts.
    let position: TOMLPosition
    /// `exercise[ID]`, or `exercise[#N]` (N counting tables from 1) while the id is not yet known.
    let subject: String

    /// No single move of a short break, or even of a routine, should take longer.
    static let longestMove: Seconds = 3600
    /// `cue`, `why` and `feel` are one line of a notification or a terminal.
    static let longestCue = 100

    static func exercise(
        path: String, table: TOMLTable, position: TOMLPosition, number: Int
    ) throws(ExerciseFileError) -> Exercise {
        let unnamed = ExerciseTableReader(
            path: path, table: table, position: position, subject: "exercise[#\(number)]")
        let idField = try unnamed.required(.id)
        let id = try idField.string()
        guard isValidID(id) else {
            throw idField.failure(
                "\"\(id)\" is not a valid id",
                fix: "use lowercase letters and digits joined by hyphens, e.g. \"kneeling-lunge\"")
        }
        let named = ExerciseTableReader(path: path, table: table, position: position, subject: "exercise[\(id)]")
        return try named.exercise(id: id)
    }

    private static func isValidID(_ id: String) -> Bool {
        let words = id.split(separator: "-", omittingEmptySubsequences: false)
        return words.allSatisfy { word in
            !word.isEmpty && word.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) }
        }
    }

    private func exercise(id: String) throws(ExerciseFileError) -> Exercise {
        try rejectUnknownKeys()
        let name = try required(.name).string()
        let kind: ExerciseKind = try required(.kind).choice()
        let place: ExercisePlace = try required(.place).choice()
        let equipment: Equipment = try field(.equipment)?.choice() ?? Equipment.none
        let positions: [ExercisePosition] = try field(.positions)?.choices() ?? []
        let isDeep = try field(.deep)?.bool() ?? false
        let warmsUp = try field(.warmUp)?.bool() ?? false
        let dose = try dose(for: kind)
        let steps = try required(.steps).strings(allowEmpty: false)
        let cue = try required(.cue).line(longest: Self.longestCue)
        let cautions = try field(.cautions)?.strings(allowEmpty: true) ?? []
        let why = try field(.why)?.line(longest: Self.longestCue)
        let feel = try field(.feel)?.line(longest: Self.longestCue)
        if isDeep, kind != .stretch, let deep = field(.deep) {
            throw deep.failure("only a stretch can be deep", fix: #"remove deep, or write kind = "stretch""#)
        }
        return Exercise(
            id: id, name: name, kind: kind, place: place, equipment: equipment, positions: positions,
            isDeep: isDeep, warmsUp: warmsUp, dose: dose, steps: steps, cue: cue, cautions: cautions,
            why: why, feel: feel)
    }

    private func rejectUnknownKeys() throws(ExerciseFileError) {
        for entry in table.entries where ExerciseKey(rawValue: entry.key) == nil {
            let known = ExerciseKey.allCases.map(\.rawValue).joined(separator: ", ")
            throw ExerciseFileError(
                path: path, line: entry.keyPosition.line, column: entry.keyPosition.column,
                subject: "\(subject).\(entry.key)", problem: "is not a known key",
                fix: "an exercise takes \(known)")
        }
    }

    private func dose(for kind: ExerciseKind) throws(ExerciseFileError) -> Dose {
        let measures = [ExerciseKey.reps, .seconds, .minutes]
            .compactMap { key in field(key).map { (key: key, field: $0) } }
            .sorted { $0.field.position < $1.field.position }
        guard let (measure, amountField) = measures.first else {
            throw failure(
                "the dose has no numbers",
                fix: "add reps = 12, seconds = 30 or, for a walk, minutes = 2")
        }
        if measures.count > 1 {
            throw measures[1].field.failure(
                "\(measure.rawValue) already measures this move", fix: "keep one of reps, seconds and minutes")
        }
        if kind == .walk {
            return try walkDose(measure: measure, amountField)
        }
        let amount: DoseAmount
        switch measure {
        case .reps:
            amount = .reps(
                try amountField.countRange(of: "reps", allowed: 1...100), tempo: try field(.tempo)?.tempo())
        case .seconds:
            if let tempo = field(.tempo) {
                throw tempo.failure("a tempo paces reps, but this move is timed", fix: "remove tempo or count reps")
            }
            amount = .timed(try amountField.countRange(of: "seconds", allowed: 1...600))
        default:
            throw amountField.failure(
                "only walks are measured in minutes", fix: #"write seconds = 120, or kind = "walk""#)
        }
        let dose = Dose(
            sets: try field(.sets)?.wholeNumber(of: "sets", allowed: 1...10) ?? 1,
            amount: amount,
            perSide: try field(.perSide)?.bool() ?? false,
            rest: Seconds(try field(.rest)?.wholeNumber(of: "seconds", allowed: 0...300) ?? 0))
        guard dose.estimatedDuration <= Self.longestMove else {
            throw failure(
                "the dose adds up to \(Int(dose.estimatedDuration / 60)) minutes",
                fix: "keep one move under \(Int(Self.longestMove / 60)) minutes")
        }
        return dose
    }

    private func walkDose(measure: ExerciseKey, _ amountField: TOMLField) throws(ExerciseFileError) -> Dose {
        guard measure == .minutes else {
            throw amountField.failure("a walk is measured in minutes", fix: "write minutes = 2")
        }
        for key in [ExerciseKey.sets, .perSide, .tempo, .rest] {
            if let extra = field(key) {
                throw extra.failure("a walk takes only minutes", fix: "remove \(key.rawValue)")
            }
        }
        let minutes = try amountField.wholeNumber(of: "minutes", allowed: 1...60)
        return Dose(sets: 1, amount: .walk(minutes: minutes), perSide: false, rest: 0)
    }

    /// A problem with the table as a whole or a missing key, reported at its `[[exercise]]` header.
    private func failure(_ problem: String, fix: String, about key: ExerciseKey? = nil) -> ExerciseFileError {
        ExerciseFileError(
            path: path, line: position.line, column: position.column,
            subject: key.map { "\(subject).\($0.rawValue)" } ?? subject, problem: problem, fix: fix)
    }

    private func field(_ key: ExerciseKey) -> TOMLField? {
        table[key.rawValue].map {
            TOMLField(path: path, subject: "\(subject).\(key.rawValue)", value: $0, example: key.example)
        }
    }

    private func required(_ key: ExerciseKey) throws(ExerciseFileError) -> TOMLField {
        guard let field = field(key) else { throw failure("is missing", fix: "add \(key.example)", about: key) }
        return field
    }
}
