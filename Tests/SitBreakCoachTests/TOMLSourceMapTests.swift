@testable import SitBreakCoach
import Testing

@Suite("Positions in TOML text")
struct TOMLSourceMapTests {
    @Test("keys, values and array elements are found past strings, comments and multi-line values")
    func positions() {
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
        typealias At = TOMLSourceMap.Position
        #expect(map.rootEntries.map(\.key) == ["safety"])
        #expect(map.rootEntries[0].elementPositions == [At(line: 1, column: 11), At(line: 1, column: 34)])
        #expect(map.tables.map(\.name) == ["exercise", "other"])
        #expect(map.tables.map(\.isArrayElement) == [true, false])
        #expect(map.tables[1].position == At(line: 13, column: 1))
        let entries = map.tables[0].entries
        #expect(entries.map(\.keyPath) == [["quoted.key"], ["notes"], ["steps"], ["dotted", "key"]])
        #expect(entries.map(\.keyPosition.line) == [3, 4, 7, 12])
        #expect(entries[0].valuePosition == At(line: 3, column: 16))
        #expect(entries[2].elementPositions == [At(line: 8, column: 5), At(line: 9, column: 5), At(line: 10, column: 5)])
    }

    @Test("columns count characters, not bytes")
    func columnsCountScalars() {
        let map = TOMLSourceMap(text: "[[exercise]]\ncue = \"3 × 30–60 s\" \nrest = 5\n")
        #expect(map.tables[0].entries[1].valuePosition == TOMLSourceMap.Position(line: 3, column: 8))
        #expect(map.tables[0].entries[0].valuePosition == TOMLSourceMap.Position(line: 2, column: 7))
    }
}
