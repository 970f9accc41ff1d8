import SitBreakTOML
import Testing

private func at(_ line: Int, _ column: Int) -> TOMLPosition { TOMLPosition(line: line, column: column) }

@Suite("Where keys and values are written")
struct TOMLPositionTests {
    @Test("keys and values are found under their tables, past spaces and comments")
    func keysAndValuesUnderTables() throws {
        let document = try TOMLDocument(parsing: "# top\n[break]\n  sit_limit   =   \"45m\"  # why\n\n[ notify ]\nvia=\"auto\"\n")
        let root = document.root
        #expect(root.entry("break")?.keyPosition == at(2, 2))
        #expect(root["break"]?.position == at(2, 1))
        let sitLimit = try #require(root.entry(at: ["break", "sit_limit"]))
        #expect(sitLimit.keyPosition == at(3, 3))
        #expect(sitLimit.value.position == at(3, 19))
        #expect(document.writtenText(of: sitLimit.value) == "\"45m\"")
        #expect(root.entry("notify")?.keyPosition == at(5, 3))
        #expect(root.entry(at: ["notify", "via"])?.keyPosition == at(6, 1))
        #expect(root.entry(at: ["notify", "via"])?.value.position == at(6, 5))
    }

    @Test("each element of an array over lines is found past comments and brackets in strings")
    func elementsOfAMultiLineArray() throws {
        let text = "[coach]\navoid = [ # kinds\n  \"floor\",\n  # places\n  'desk' , \"a]b#c\",\n  [1, 2],\n]\ninjured = true\n"
        let root = try TOMLDocument(parsing: text).root
        let avoid = try #require(root.entry(at: ["coach", "avoid"]))
        #expect(avoid.keyPosition == at(2, 1))
        #expect(avoid.value.position == at(2, 9))
        #expect(avoid.value.array?.map(\.position) == [at(3, 3), at(5, 3), at(5, 12), at(6, 3)])
        #expect(avoid.value.array?[3].array?.map(\.position) == [at(6, 4), at(6, 7)])
        #expect(root.entry(at: ["coach", "injured"])?.value.position == at(8, 11))
    }

    @Test("a dotted key is placed where it starts, and so are the tables it makes")
    func dottedKeys() throws {
        let root = try TOMLDocument(parsing: "\"my key\".'b' = 1\n[t]\n  x . y = 2\n").root
        #expect(root.entry("my key")?.keyPosition == at(1, 1))
        #expect(root["my key"]?.position == at(1, 1))
        #expect(root.entry(at: ["my key", "b"])?.keyPosition == at(1, 1))
        #expect(root.entry(at: ["my key", "b"])?.value.position == at(1, 16))
        #expect(root.entry(at: ["t", "x", "y"])?.keyPosition == at(3, 3))
        #expect(root.entry(at: ["t", "x", "y"])?.value.position == at(3, 11))
    }

    @Test("keys and values inside inline tables")
    func inlineTables() throws {
        let root = try TOMLDocument(parsing: "t = { a = \"x\", \"b\\u0063\" = [3] }\n").root
        #expect(root["t"]?.position == at(1, 5))
        #expect(root.entry(at: ["t", "a"])?.keyPosition == at(1, 7))
        #expect(root.entry(at: ["t", "a"])?.value.position == at(1, 11))
        #expect(root.entry(at: ["t", "bc"])?.keyPosition == at(1, 16))
        #expect(root.entry(at: ["t", "bc"])?.value.array?.map(\.position) == [at(1, 29)])
    }

    @Test("lines are counted through multi-line strings, which are written over lines")
    func multiLineStrings() throws {
        let document = try TOMLDocument(parsing: "a = \"\"\"\none \\\"\"\" two\n\"\"\"\"\nb = '''x\n'''\nc = 1\n")
        let root = document.root
        #expect(root["a"]?.position == at(1, 5))
        #expect(root["a"]?.string == "one \"\"\" two\n\"")
        #expect(document.writtenText(of: try #require(root["a"])) == "\"\"\"\none \\\"\"\" two\n\"\"\"\"")
        #expect(root["b"]?.position == at(4, 5))
        #expect(root["c"]?.position == at(6, 5))
    }

    @Test("columns count Unicode scalars, after a byte-order mark is dropped")
    func columnsCountScalars() throws {
        let root = try TOMLDocument(parsing: "\u{FEFF}\"é\" = { a = \"ü\", b = 1 }\n['ß']\ncue = \"3 × 30–60 s\" \nrest = 5\n").root
        #expect(root.entry("é")?.keyPosition == at(1, 1))
        #expect(root["é"]?.position == at(1, 7))
        #expect(root.entry(at: ["é", "b"])?.value.position == at(1, 22))
        #expect(root.entry("ß")?.keyPosition == at(2, 2))
        #expect(root.entry(at: ["ß", "rest"])?.value.position == at(4, 8))
    }

    @Test("an array of tables is placed at its first header, and each table at its own")
    func arrayOfTables() throws {
        let root = try TOMLDocument(parsing: "[[x]]\na = 1\n\n  [[x]]\na = 2\n").root
        let x = try #require(root.entry("x"))
        #expect(x.keyPosition == at(1, 3))
        #expect(x.value.position == at(1, 1))
        #expect(x.value.array?.map(\.position) == [at(1, 1), at(4, 3)])
        #expect(x.value.array?.map { $0.table?["a"]?.position } == [at(2, 5), at(5, 5)])
    }

    @Test("a table implied by a header is placed at that header until one defines it")
    func impliedTables() throws {
        let implied = try TOMLDocument(parsing: "[a.b]\n").root
        #expect(implied.entry("a")?.keyPosition == at(1, 2))
        #expect(implied["a"]?.position == at(1, 1))
        let defined = try TOMLDocument(parsing: "[a.b]\n[ a ]\n").root
        #expect(defined.entry("a")?.keyPosition == at(2, 3))
        #expect(defined["a"]?.position == at(2, 1))
    }

    @Test("which tables headers make")
    func tablesMadeByHeaders() throws {
        let root = try TOMLDocument(parsing: "d.x = 1\ni = {}\nv = 1\n[h]\n[p.q]\n[[a]]\n").root
        #expect(root.entries.map(\.key) == ["d", "i", "v", "h", "p", "a"])
        #expect(root.entries.map(\.isMadeByHeaders) == [false, false, false, true, true, true])
    }

    @Test("values are written as they stand, on one line or over several; what headers make is not")
    func writtenText() throws {
        let document = try TOMLDocument(parsing: "when = 1979-05-27 07:32:00 # c\nlist = [1, 'x',\n  2]\nt = {a = 1}\n[h]\n")
        let root = document.root
        #expect(root["when"].flatMap(document.writtenText) == "1979-05-27 07:32:00")
        #expect(root["when"]?.dateTime == .localDateTime(
            TOMLDate(year: 1979, month: 5, day: 27), TOMLTime(hour: 7, minute: 32, second: 0)))
        #expect(root["list"].flatMap(document.writtenText) == "[1, 'x',\n  2]")
        #expect(root["t"].flatMap(document.writtenText) == "{a = 1}")
        #expect(root["h"].flatMap(document.writtenText) == nil)
    }

    @Test("Windows line ends count as one")
    func carriageReturns() throws {
        let root = try TOMLDocument(parsing: "[a]\r\nb = 1\r\nc = [\r\n  2,\r\n]\r\n").root
        #expect(root.entry(at: ["a", "b"])?.keyPosition == at(2, 1))
        #expect(root.entry(at: ["a", "b"])?.value.position == at(2, 5))
        #expect(root.entry(at: ["a", "c"])?.value.array?.map(\.position) == [at(4, 3)])
    }
}
