import SitBreakModel

/// The kinds of value a config holds. Each reader says what to write instead when a value does not fit.
enum FieldReaders {
    static func string(
        _ value: FieldValue, expected: String = "a string", fix: String
    ) throws(ValueProblem) -> String {
        guard let string = value.toml.string else { throw wrongType(value, expected: expected, fix: fix) }
        return string
    }

    static func bool(_ value: FieldValue) throws(ValueProblem) -> Bool {
        guard let bool = value.toml.boolean else {
            throw wrongType(value, expected: "true or false", fix: "write true or false, without quotes")
        }
        return bool
    }

    /// A quoted time span ("45m") from one second to `most`; `example` shows a sensible value.
    /// Nothing this daemon times is meaningful below a second.
    static func timeSpan(_ value: FieldValue, most: Seconds, example: String) throws(ValueProblem) -> Seconds {
        let least: Seconds = 1
        if let number = value.toml.float ?? value.toml.integer.map(Seconds.init) {
            throw ValueProblem(
                problem: "\(describe(value)) has no unit",
                fix: "write \(quoted(TimeSpan.format(abs(number) * 60)))")
        }
        let text = try string(
            value, expected: "a time span", fix: "write a time span in quotes, e.g. \(quoted(example))")
        let seconds: Seconds
        do throws(TimeSpanError) {
            seconds = try TimeSpan.parse(text)
        } catch {
            throw ValueProblem(problem: error.problem, fix: error.fix)
        }
        if seconds == 0 {
            throw ValueProblem(problem: "\(quoted(text)) is zero", fix: "write a longer span, e.g. \(quoted(example))")
        }
        if seconds < least {
            throw ValueProblem(
                problem: "\(quoted(text)) is less than \(TimeSpan.format(least))",
                fix: "write at least \(quoted(TimeSpan.format(least)))")
        }
        if seconds > most {
            throw ValueProblem(
                problem: "\(quoted(text)) is more than \(TimeSpan.format(most))",
                fix: "write at most \(quoted(TimeSpan.format(most)))")
        }
        return seconds
    }

    /// One of the raw values of `Choice`; `noun` completes "… is not", e.g. "a place".
    static func choice<Choice: CaseIterable & RawRepresentable<String>>(
        _ value: FieldValue, noun: String
    ) throws(ValueProblem) -> Choice {
        let names = Choice.allCases.map(\.rawValue)
        let text = try string(value, fix: "write one of \(listed(names))")
        guard let choice = Choice(rawValue: text) else {
            throw ValueProblem(problem: "\(quoted(text)) is not \(noun)", fix: suggestion(for: text, among: names))
        }
        return choice
    }

    /// A list of distinct names, each one of `allowed`; `noun` completes "… is not",
    /// `example` is a valid list as written in TOML. `described` stands in for the list of every
    /// allowed name in the fix for a name that is not near any, where that list is too long to read.
    static func names(
        _ value: FieldValue, allowed: [String], noun: String, example: String, described: String? = nil
    ) throws(ValueProblem) -> [String] {
        guard let array = value.toml.array else {
            throw wrongType(value, expected: "a list", fix: "write a list in brackets, e.g. \(example)")
        }
        var names: [String] = []
        for (index, element) in array.enumerated() {
            guard let name = element.string else {
                throw ValueProblem(
                    problem: "expected a name in quotes, found \(describe(FieldValue(toml: element, written: nil)))",
                    fix: "write names in quotes, e.g. \(example)", anchor: .element(index))
            }
            guard allowed.contains(name) else {
                throw ValueProblem(
                    problem: "\(quoted(name)) is not \(noun)",
                    fix: described.map { fix in nearestName(to: name, among: allowed).map { "did you mean \(quoted($0))?" } ?? fix }
                        ?? suggestion(for: name, among: allowed),
                    anchor: .element(index))
            }
            guard !names.contains(name) else {
                throw ValueProblem(
                    problem: "\(quoted(name)) is listed twice", fix: "remove one of them", anchor: .element(index))
            }
            names.append(name)
        }
        return names
    }

    private static func wrongType(_ value: FieldValue, expected: String, fix: String) -> ValueProblem {
        ValueProblem(problem: "expected \(expected), found \(describe(value))", fix: fix)
    }

    /// "did you mean …?" for a likely typo, else the whole list of choices.
    private static func suggestion(for name: String, among names: [String]) -> String {
        nearestName(to: name, among: names).map { "did you mean \(quoted($0))?" }
            ?? "write one of \(listed(names))"
    }

    private static func listed(_ names: [String]) -> String {
        names.map(quoted).joined(separator: ", ")
    }
}
