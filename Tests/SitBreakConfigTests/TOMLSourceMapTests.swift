import Testing
@testable import SitBreakConfig

private func at(_ line: Int, _ column: Int) -> SourcePosition { SourcePosition(line: line, column: column) }

@Suite struct TOMLSourceMapTests {
    @Test func findsKeysAndValuesUnderTheirTables() {
        let map = TOMLSourceMap(text: "# top\n[break]\n  sit_limit   =   \"45m\"  # why\n\n[ notify ]\nvia=\"auto\"\n")
        #expect(map[["break"]] == .init(key: at(2, 2)))
        #expect(map[["break", "sit_limit"]] == .init(key: at(3, 3), value: at(3, 19), text: "\"45m\""))
        #expect(map[["notify"]] == .init(key: at(5, 3)))
        #expect(map[["notify", "via"]] == .init(key: at(6, 1), value: at(6, 5), text: "\"auto\""))
    }

    @Test func findsEachElementOfAnArraySpanningLines() {
        let text = "[coach]\navoid = [ # kinds\n  \"floor\",\n  # places\n  'desk' , \"a]b#c\",\n  [1, 2],\n]\ninjured = true\n"
        let map = TOMLSourceMap(text: text)
        #expect(map[["coach", "avoid"]] == .init(
            key: at(2, 1), value: at(2, 9), elements: [at(3, 3), at(5, 3), at(5, 12), at(6, 3)]))
        #expect(map[["coach", "injured"]] == .init(key: at(8, 1), value: at(8, 11), text: "true"))
    }

    @Test func readsQuotedAndDottedKeysAndInlineTables() {
        let map = TOMLSourceMap(text: "\"my key\".'b' = 1\nt = { a = \"x\", \"b\\u0063\" = [3] }\n")
        #expect(map[["my key"]] == .init(key: at(1, 1)))
        #expect(map[["my key", "b"]] == .init(key: at(1, 1), value: at(1, 16), text: "1"))
        #expect(map[["t", "a"]] == .init(key: at(2, 7), value: at(2, 11), text: "\"x\""))
        #expect(map[["t", "bc"]] == .init(key: at(2, 16), value: at(2, 28), elements: [at(2, 29)], text: "[3]"))
    }

    @Test func countsLinesThroughMultiLineStrings() {
        let map = TOMLSourceMap(text: "a = \"\"\"\none \\\"\"\" two\n\"\"\"\"\nb = '''x\n'''\nc = 1\n")
        #expect(map[["a"]]?.value == at(1, 5))
        #expect(map[["a"]]?.text == nil)
        #expect(map[["b"]]?.value == at(4, 5))
        #expect(map[["c"]]?.value == at(6, 5))
    }

    @Test func countsColumnsInUnicodeScalarsAfterAByteOrderMark() {
        let map = TOMLSourceMap(text: "\u{FEFF}é = \"ü\"\n[ß]\n")
        #expect(map[["é"]] == .init(key: at(1, 1), value: at(1, 5), text: "\"ü\""))
        #expect(map[["ß"]] == .init(key: at(2, 2)))
    }

    @Test func keepsTheHeaderOfAnArrayOfTables() {
        let map = TOMLSourceMap(text: "[[x]]\na = 1\n[[x]]\na = 2\n")
        #expect(map[["x"]] == .init(key: at(1, 3)))
        #expect(map[["x", "a"]]?.value == at(2, 5))
    }
}

@Suite struct NearestNameTests {
    @Test func suggestsALikelyTypo() {
        let keys = ["sit_limit", "length", "snooze", "repeat"]
        #expect(nearestName(to: "sitlimit", among: keys) == "sit_limit")
        #expect(nearestName(to: "lenght", among: keys) == "length")
        #expect(nearestName(to: "Snooze", among: keys) == "snooze")
        #expect(nearestName(to: "brake", among: ["break", "coach"]) == "break")
    }

    @Test func suggestsNothingFarOff() {
        #expect(nearestName(to: "xorg", among: ["x11", "tty", "auto"]) == nil)
        #expect(nearestName(to: "colour", among: ["place", "equipment", "avoid", "injured"]) == nil)
        #expect(nearestName(to: "", among: ["via"]) == nil)
    }
}
