import SitBreakModel
import SitBreakTOML

/// One value of an exercise file, with what it takes to report a problem at it.
struct TOMLField {
    let path: String
    /// E.g. `exercise[bridge].reps` or `safety`.
    let subject: String
    let value: TOMLValue
    /// A correct line for this key, offered as the fix for a wrong type.
    let example: String

    var position: TOMLPosition { value.position }

    func failure(_ problem: String, fix: String) -> ExerciseFileError {
        ExerciseFileError(
            path: path, line: position.line, column: position.column,
            subject: subject, problem: problem, fix: fix)
    }

    func wrongType(expected: String) -> ExerciseFileError {
        failure("expected \(expected), found \(value.typeName)", fix: "write \(example)")
    }

    /// The array element at `offset`, reported as `subject[offset + 1]`.
    func element(_ offset: Int, of array: [TOMLValue]) -> TOMLField {
        TOMLField(path: path, subject: "\(subject)[\(offset + 1)]", value: array[offset], example: example)
    }

    func string() throws(ExerciseFileError) -> String {
        guard let text = value.string else { throw wrongType(expected: "a string") }
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw failure("is empty", fix: "write \(example)")
        }
        return text
    }

    /// A string that fits on one line of a notification.
    func line(longest: Int) throws(ExerciseFileError) -> String {
        let text = try string()
        guard text.count <= longest else {
            throw failure("is \(text.count) characters long", fix: "keep it to \(longest) so it fits on one line")
        }
        return text
    }

    func bool() throws(ExerciseFileError) -> Bool {
        guard let flag = value.boolean else { throw wrongType(expected: "true or false") }
        return flag
    }

    func choice<Choice: RawRepresentable & CaseIterable>() throws(ExerciseFileError) -> Choice
    where Choice.RawValue == String {
        let text = try string()
        guard let choice = Choice(rawValue: text) else {
            let names = Choice.allCases.map(\.rawValue)
            let fix = nearestName(to: text, among: names).map { "did you mean \"\($0)\"?" }
                ?? "use one of \(names.joined(separator: ", "))"
            throw failure("\"\(text)\" is unknown", fix: fix)
        }
        return choice
    }

    /// A list of distinct raw values of `Choice`.
    func choices<Choice: RawRepresentable & CaseIterable & Equatable>() throws(ExerciseFileError) -> [Choice]
    where Choice.RawValue == String {
        guard let array = value.array else { throw wrongType(expected: "a list of strings") }
        var chosen: [Choice] = []
        for offset in 0..<array.count {
            let element = element(offset, of: array)
            let choice: Choice = try element.choice()
            if chosen.contains(choice) {
                throw element.failure("\"\(choice.rawValue)\" is listed twice", fix: "remove one of them")
            }
            chosen.append(choice)
        }
        return chosen
    }

    /// A non-empty list of distinct names from `known`.
    func names(among known: [String]) throws(ExerciseFileError) -> [String] {
        let names = try strings(allowEmpty: false)
        guard let array = value.array else { return names }
        for (offset, name) in names.enumerated() {
            let element = element(offset, of: array)
            if !known.contains(name) {
                let fix = nearestName(to: name, among: known).map { "did you mean \"\($0)\"?" }
                    ?? "use names from \(known.joined(separator: ", "))"
                throw element.failure("\"\(name)\" is unknown", fix: fix)
            }
            if names[..<offset].contains(name) {
                throw element.failure("\"\(name)\" is listed twice", fix: "remove one of them")
            }
        }
        return names
    }

    func wholeNumber(of unit: String, allowed: ClosedRange<Int>) throws(ExerciseFileError) -> Int {
        guard let number = value.integer.map(Int.init) else { throw wrongType(expected: "a whole number") }
        guard !allowed.contains(number) else { return number }
        let problem =
            number < 0 ? "\(number) is negative"
            : number < allowed.lowerBound ? "\(number) is too small" : "\(number) is too large"
        throw failure(
            problem,
            fix: "use a whole number of \(unit) from \(allowed.lowerBound) to \(allowed.upperBound)")
    }

    /// A whole number, or `[low, high]`.
    func countRange(of unit: String, allowed: ClosedRange<Int>) throws(ExerciseFileError) -> CountRange {
        guard let array = value.array else {
            return CountRange(exactly: try wholeNumber(of: unit, allowed: allowed))
        }
        let bounds = try numbers(in: array, count: 2, of: unit, allowed: allowed)
        guard bounds[0] <= bounds[1] else {
            throw failure(
                "the range \(bounds[0])–\(bounds[1]) runs backwards",
                fix: "put the smaller number first: [\(bounds[1]), \(bounds[0])]")
        }
        return CountRange(bounds[0], bounds[1])
    }

    /// `[up, hold, down]` in seconds.
    func tempo() throws(ExerciseFileError) -> Tempo {
        guard let array = value.array else { throw wrongType(expected: "three numbers") }
        let parts = try numbers(in: array, count: 3, of: "seconds", allowed: 0...10)
        guard parts.contains(where: { $0 > 0 }) else {
            throw failure("a rep cannot take no time at all", fix: "write \(example)")
        }
        return Tempo(up: parts[0], hold: parts[1], down: parts[2])
    }

    private func numbers(
        in array: [TOMLValue], count: Int, of unit: String, allowed: ClosedRange<Int>
    ) throws(ExerciseFileError) -> [Int] {
        guard array.count == count else {
            throw failure("expected \(count) numbers, found \(array.count)", fix: "write \(example)")
        }
        var numbers: [Int] = []
        for offset in 0..<count {
            numbers.append(try element(offset, of: array).wholeNumber(of: unit, allowed: allowed))
        }
        return numbers
    }

    /// Strings, none of them blank; the list itself may be empty only when `allowEmpty`.
    func strings(allowEmpty: Bool) throws(ExerciseFileError) -> [String] {
        guard let array = value.array else { throw wrongType(expected: "a list of strings") }
        guard allowEmpty || !array.isEmpty else { throw failure("is empty", fix: "write \(example)") }
        var strings: [String] = []
        for offset in 0..<array.count {
            strings.append(try element(offset, of: array).string())
        }
        return strings
    }
}
