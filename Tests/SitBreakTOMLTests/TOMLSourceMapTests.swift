@testable import SitBreakTOML
import Testing

private typealias Definition = TOMLSourceMap.Definition
private typealias Value = TOMLSourceMap.Value

private func at(_ line: Int, _ column: Int) -> TOMLSourceMap.Position {
    TOMLSourceMap.Position(line: line, column: column)
}

@Suite("Positions in TOML text")
struct TOMLSourceMapTests {
    @Test("keys and values are found under their tables, past spaces and comments")
    func keysAndValuesUnderTables() {
        let map = TOMLSourceMap(text: "# top\n[break]\n  sit_limit   =   \"45m\"  # why\n\n[ notify ]\nvia=\"auto\"\n")
        #expect(map[["break"]] == Definition(keyPosition: at(2, 2)))
        #expect(map[["break", "sit_limit"]]
            == Definition(keyPosition: at(3, 3), value: Value(position: at(3, 19), text: "\"45m\"")))
        #expect(map[["notify"]] == Definition(keyPosition: at(5, 3)))
        #expect(map[["notify", "via"]]
            == Definition(keyPosition: at(6, 1), value: Value(position: at(6, 5), text: "\"auto\"")))
        #expect(map.tables.map(\.name) == ["break", "notify"])
        #expect(map.tables.map(\.position) == [at(2, 1), at(5, 1)])
        #expect(map.tables.map(\.namePosition) == [at(2, 2), at(5, 3)])
    }

    @Test("each element of an array spanning lines is found past comments and brackets in strings")
    func elementsOfAMultiLineArray() {
        let text = "[coach]\navoid = [ # kinds\n  \"floor\",\n  # places\n  'desk' , \"a]b#c\",\n  [1, 2],\n]\ninjured = true\n"
        let map = TOMLSourceMap(text: text)
        #expect(map[["coach", "avoid"]] == Definition(
            keyPosition: at(2, 1),
            value: Value(position: at(2, 9), elementPositions: [at(3, 3), at(5, 3), at(5, 12), at(6, 3)])))
        #expect(map[["coach", "injured"]]
            == Definition(keyPosition: at(8, 1), value: Value(position: at(8, 11), text: "true")))
    }

    @Test("quoted and dotted keys, and keys of inline tables, are found by their full path")
    func quotedDottedAndInlineKeys() {
        let map = TOMLSourceMap(text: "\"my key\".'b' = 1\nt = { a = \"x\", \"b\\u0063\" = [3] }\n")
        #expect(map[["my key"]] == Definition(keyPosition: at(1, 1)))
        #expect(map[["my key", "b"]]
            == Definition(keyPosition: at(1, 1), value: Value(position: at(1, 16), text: "1")))
        #expect(map[["t"]]?.keyPosition == at(2, 1))
        #expect(map[["t"]]?.value?.position == at(2, 5))
        #expect(map[["t", "a"]] == Definition(keyPosition: at(2, 7), value: Value(position: at(2, 11), text: "\"x\"")))
        #expect(map[["t", "bc"]] == Definition(
            keyPosition: at(2, 16), value: Value(position: at(2, 28), elementPositions: [at(2, 29)], text: "[3]")))
        #expect(map.rootEntries.map(\.keyPath) == [["my key", "b"], ["t"]])
    }

    @Test("lines are counted through multi-line strings, whose text is not kept")
    func multiLineStrings() {
        let map = TOMLSourceMap(text: "a = \"\"\"\none \\\"\"\" two\n\"\"\"\"\nb = '''x\n'''\nc = 1\n")
        #expect(map[["a"]]?.value?.position == at(1, 5))
        #expect(map[["a"]]?.value?.text == nil)
        #expect(map[["b"]]?.value?.position == at(4, 5))
        #expect(map[["c"]]?.value?.position == at(6, 5))
    }

    @Test("columns count Unicode scalars, after a byte-order mark is dropped")
    func columnsAfterAByteOrderMark() {
        let map = TOMLSourceMap(text: "\u{FEFF}é = \"ü\"\n[ß]\n")
        #expect(map[["é"]] == Definition(keyPosition: at(1, 1), value: Value(position: at(1, 5), text: "\"ü\"")))
        #expect(map[["ß"]] == Definition(keyPosition: at(2, 2)))
    }

    @Test("columns count characters, not bytes")
    func columnsCountScalars() {
        let map = TOMLSourceMap(text: "[[exercise]]\ncue = \"3 × 30–60 s\" \nrest = 5\n")
        #expect(map.tables[0].entries.map(\.value.position) == [at(2, 7), at(3, 8)])
    }

    @Test("an array of tables keeps each header in order, and the lookup keeps the first")
    func arrayOfTables() {
        let map = TOMLSourceMap(text: "[[x]]\na = 1\n[[x]]\na = 2\n")
        #expect(map[["x"]] == Definition(keyPosition: at(1, 3)))
        #expect(map[["x", "a"]]?.value?.position == at(2, 5))
        #expect(map.tables.map(\.isArrayElement) == [true, true])
        #expect(map.tables.map(\.position) == [at(1, 1), at(3, 1)])
        #expect(map.tables.map { $0.entries.map(\.value.text) } == [["1"], ["2"]])
    }

    @Test("keys, values and array elements are found past strings, comments and multi-line values")
    func tablesInOrderWithTheirEntries() {
        let text = """
            safety = ["a ] # not a comment", 'b']  # a comment
            [[exercise]]
            "quoted.key" = 1
            notes = \"\"\"
            id = "inside a string"
            ]\"\"\"
            steps = [
                "x, y",   # first
                { a = [1, 2] },
                'z',
            ]
            dotted.key = 2 # last
            [other]
            """
        let map = TOMLSourceMap(text: text)
        #expect(map.rootEntries.map(\.key) == ["safety"])
        #expect(map.rootEntries[0].value.elementPositions == [at(1, 11), at(1, 34)])
        #expect(map.tables.map(\.name) == ["exercise", "other"])
        #expect(map.tables.map(\.isArrayElement) == [true, false])
        #expect(map.tables[1].position == at(13, 1))
        let entries = map.tables[0].entries
        #expect(entries.map(\.keyPath) == [["quoted.key"], ["notes"], ["steps"], ["dotted", "key"]])
        #expect(entries.map(\.firstComponent) == ["quoted.key", "notes", "steps", "dotted"])
        #expect(entries.map(\.keyPosition.line) == [3, 4, 7, 12])
        #expect(entries[0].value.position == at(3, 16))
        #expect(entries[2].value.elementPositions == [at(8, 5), at(9, 5), at(10, 5)])
        #expect(map[["exercise", "dotted"]] == Definition(keyPosition: at(12, 1)))
    }

    @Test("a local date-time written with a space is one value")
    func dateTimeWithASpace() {
        let map = TOMLSourceMap(text: "when = 1979-05-27 07:32:00 # c\nlist = [1979-05-27 07:32:00, 2]\nnext = 1\n")
        #expect(map[["when"]]?.value?.text == "1979-05-27 07:32:00")
        #expect(map[["list"]]?.value?.elementPositions == [at(2, 9), at(2, 30)])
        #expect(map.rootEntries.map(\.key) == ["when", "list", "next"])
    }

    @Test("Windows line ends are read like plain ones")
    func carriageReturns() {
        let map = TOMLSourceMap(text: "[a]\r\nb = 1\r\nc = [\r\n  2,\r\n]\r\n")
        #expect(map[["a", "b"]] == Definition(keyPosition: at(2, 1), value: Value(position: at(2, 5), text: "1")))
        #expect(map[["a", "c"]]?.value?.elementPositions == [at(4, 3)])
    }
}
