import Foundation
import SitBreakTOML
import Testing

/// A valid TOML text and its whole document, as `rendered` writes it.
struct ValidDocument: Sendable, CustomTestStringConvertible {
    let name: String
    let text: String
    let expected: String
    var testDescription: String { name }

    init(_ name: String, _ text: String, _ expected: String) {
        self.name = name
        self.text = text
        self.expected = expected
    }
}

private let validDocuments: [ValidDocument] = [
    ValidDocument("an empty text", "", "{}"),
    ValidDocument("comments and blank lines", "# top\n\n   \t\n# a = 1\nkey = \"value\"  # end\n#last", #"{key = "value"}"#),
    ValidDocument("no line end at the end", "a = 1", "{a = 1}"),
    ValidDocument("Windows line ends", "a = 1\r\n[t]\r\nb = [\r\n  2,\r\n]\r\n", "{a = 1, t = {b = [2]}}"),
    ValidDocument(
        "bare keys", "key = 1\nbare_key = 2\nbare-key = 3\n1234 = 4\n-_- = 5",
        "{key = 1, bare_key = 2, bare-key = 3, 1234 = 4, -_- = 5}"),
    ValidDocument(
        "quoted keys", "\"127.0.0.1\" = 1\n\"character encoding\" = 2\n'key2' = 3\n'quoted \"value\"' = 4\n\"\" = 5\n\"ʎǝʞ\" = 6\n\"a\\u0062\" = 7",
        #"{"127.0.0.1" = 1, "character encoding" = 2, key2 = 3, "quoted \"value\"" = 4, "" = 5, "ʎǝʞ" = 6, ab = 7}"#),
    ValidDocument(
        "dotted keys", "name = \"Orange\"\nphysical.color = \"orange\"\nphysical.shape = \"round\"\nsite.\"google.com\" = true",
        #"{name = "Orange", physical = {color = "orange", shape = "round"}, site = {"google.com" = true}}"#),
    ValidDocument("spaces around the dots of a key", "fruit . color = 1\nfruit.\tflavor = 2", "{fruit = {color = 1, flavor = 2}}"),
    ValidDocument(
        "dotted keys out of order", "apple.type = \"fruit\"\norange.type = \"fruit\"\napple.skin = \"thin\"",
        #"{apple = {type = "fruit", skin = "thin"}, orange = {type = "fruit"}}"#),
    ValidDocument("a dotted key that looks like a float", "3.14159 = \"pi\"", #"{3 = {14159 = "pi"}}"#),
    ValidDocument(
        "basic strings", #"a = "I'm a string. \"You can quote me\". Name\tJos\u00E9\nLocation\tSF.""#,
        #"{a = "I\'m a string. \"You can quote me\". Name\tJosé\nLocation\tSF."}"#),
    ValidDocument(
        "literal strings",
        "winpath = 'C:\\Users\\nodejs\\templates'\nquoted = 'Tom \"Dubs\" Preston-Werner'\nregex = '<\\i\\c*\\s*>'",
        #"{winpath = "C:\\Users\\nodejs\\templates", quoted = "Tom \"Dubs\" Preston-Werner", regex = "<\\i\\c*\\s*>"}"#),
    ValidDocument(
        "a multi-line basic string drops its first line end", "a = \"\"\"\nRoses are red\nViolets are blue\"\"\"",
        #"{a = "Roses are red\nViolets are blue"}"#),
    ValidDocument(
        "a line-ending backslash joins lines", "a = \"\"\"\nThe quick brown \\\n\n\n  fox jumps over \\\n    the lazy dog.\"\"\"",
        #"{a = "The quick brown fox jumps over the lazy dog."}"#),
    ValidDocument(
        "a line-ending backslash with spaces after it", "a = \"\"\"one \\  \t\r\n  two\"\"\"", #"{a = "one two"}"#),
    ValidDocument(
        "quotes inside and just before the end of multi-line strings",
        "a = \"\"\"Here are two quotation marks: \"\". Simple enough.\"\"\"\nb = \"\"\"Here are three: \"\"\\\".\"\"\"\nc = \"\"\"\"This,\" she said, \"is just a pointless statement.\"\"\"\"",
        #"{a = "Here are two quotation marks: \"\". Simple enough.", b = "Here are three: \"\"\".", c = "\"This,\" she said, \"is just a pointless statement.\""}"#),
    ValidDocument(
        "multi-line literal strings",
        "re = '''I [dw]on't need \\d{2} apples'''\nlines = '''\nThe first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n'''\nquot15 = '''Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"'''\nstr = ''''That,' she said, 'is still pointless.''''",
        #"{re = "I [dw]on\'t need \\d{2} apples", lines = "The first newline is\ntrimmed in raw strings.\n   All other whitespace\n   is preserved.\n", quot15 = "Here are fifteen quotation marks: \"\"\"\"\"\"\"\"\"\"\"\"\"\"\"", str = "\'That,\' she said, \'is still pointless.\'"}"#),
    ValidDocument(
        "a multi-line string keeps Windows line ends as line feeds", "a = \"\"\"\r\none\r\ntwo\"\"\"\r\nb = '''x\r\ny'''",
        #"{a = "one\ntwo", b = "x\ny"}"#),
    ValidDocument("tabs and other scalars stay as written", "a = \"tab\there é 😀 \u{80}\"", "{a = \"tab\\there é 😀 \u{80}\"}"),
    ValidDocument(
        "integers", "a = +99\nb = 42\nc = 0\nd = -17\ne = 1_000\nf = 5_349_221\ng = 1_2_3_4_5\nh = -0\ni = +0",
        "{a = 99, b = 42, c = 0, d = -17, e = 1000, f = 5349221, g = 12345, h = 0, i = 0}"),
    ValidDocument(
        "hexadecimal, octal and binary integers",
        "a = 0xDEADBEEF\nb = 0xdeadbeef\nc = 0xdead_beef\nd = 0o01234567\ne = 0o755\nf = 0b11010110\ng = 0x0000_0001",
        "{a = 3735928559, b = 3735928559, c = 3735928559, d = 342391, e = 493, f = 214, g = 1}"),
    ValidDocument(
        "the largest and smallest integers", "max = 9223372036854775807\nmin = -9223372036854775808\nhex = 0x7FFFFFFFFFFFFFFF",
        "{max = 9223372036854775807, min = -9223372036854775808, hex = 9223372036854775807}"),
    ValidDocument(
        "floats",
        "a = +1.0\nb = 3.1415\nc = -0.01\nd = 5e+22\ne = 1e06\nf = -2E-2\ng = 6.626e-34\nh = 224_617.445_991_228\ni = 0.0\nj = -0.0\nk = 1e1_0",
        "{a = 1.0, b = 3.1415, c = -0.01, d = 5e+22, e = 1000000.0, f = -0.02, g = 6.626e-34, h = 224617.445991228, i = 0.0, j = -0.0, k = 10000000000.0}"),
    ValidDocument(
        "infinity and not-a-number", "a = inf\nb = +inf\nc = -inf\nd = nan\ne = +nan\nf = -nan",
        "{a = inf, b = inf, c = -inf, d = nan, e = nan, f = nan}"),
    ValidDocument("booleans", "a = true\nb = false", "{a = true, b = false}"),
    ValidDocument(
        "offset date-times",
        "a = 1979-05-27T07:32:00Z\nb = 1979-05-27T00:32:00-07:00\nc = 1979-05-27T00:32:00.999999-07:00\nd = 1979-05-27 07:32:00z\ne = 1979-05-27t07:32:00+05:30",
        "{a = 1979-05-27T07:32:00Z, b = 1979-05-27T00:32:00-07:00, c = 1979-05-27T00:32:00.999999000-07:00, d = 1979-05-27T07:32:00Z, e = 1979-05-27T07:32:00+05:30}"),
    ValidDocument(
        "local date-times, dates and times",
        "a = 1979-05-27T07:32:00\nb = 1979-05-27T00:32:00.999999\nc = 1979-05-27 07:32:00\nd = 1979-05-27\ne = 07:32:00\nf = 00:32:00.123456789123\ng = 2024-02-29\nh = 23:59:60",
        "{a = 1979-05-27T07:32:00, b = 1979-05-27T00:32:00.999999000, c = 1979-05-27T07:32:00, d = 1979-05-27, e = 07:32:00, f = 00:32:00.123456789, g = 2024-02-29, h = 23:59:60}"),
    ValidDocument(
        "arrays", "integers = [ 1, 2, 3 ]\ncolors = [ \"red\", 'yellow', \"\"\"green\"\"\" ]\nnested = [ [ 1, 2 ], [3, 4, 5] ]\nempty = []\nmixed = [ 0.1, 0.2, \"x\", true, 1979-05-27 ]",
        #"{integers = [1, 2, 3], colors = ["red", "yellow", "green"], nested = [[1, 2], [3, 4, 5]], empty = [], mixed = [0.1, 0.2, "x", true, 1979-05-27]}"#),
    ValidDocument(
        "arrays over lines, with comments and a trailing comma", "a = [ # first\n  1,\n\n  # between\n  2, # two\n]\nb = [\n1\n,2]",
        "{a = [1, 2], b = [1, 2]}"),
    ValidDocument(
        "an array of inline tables", "points = [ { x = 1, y = 2, z = 3 },\n           { x = 7, y = 8, z = 9 } ]",
        "{points = [{x = 1, y = 2, z = 3}, {x = 7, y = 8, z = 9}]}"),
    ValidDocument(
        "tables", "[table-1]\nkey1 = \"some string\"\nkey2 = 123\n\n[table-2]\nkey1 = \"another string\"\nkey2 = 456",
        #"{table-1 = {key1 = "some string", key2 = 123}, table-2 = {key1 = "another string", key2 = 456}}"#),
    ValidDocument(
        "table names with quotes, dots and spaces", "[dog.\"tater.man\"]\ntype.name = \"pug\"\n[ j . \"ʞ\" . 'l' ]\n[ '' ]",
        #"{dog = {"tater.man" = {type = {name = "pug"}}}, j = {"ʞ" = {l = {}}}, "" = {}}"#),
    ValidDocument(
        "a table implied by a header, then defined", "[x.y.z.w]\na = 1\n[x]\nb = 2",
        "{x = {y = {z = {w = {a = 1}}}, b = 2}}"),
    ValidDocument("an empty table", "[empty]\n[other]\na = 1", "{empty = {}, other = {a = 1}}"),
    ValidDocument(
        "a header may add a table under one that dotted keys made",
        "[fruit]\napple.color = \"red\"\napple.taste.sweet = true\n[fruit.apple.texture]\nsmooth = true",
        #"{fruit = {apple = {color = "red", taste = {sweet = true}, texture = {smooth = true}}}}"#),
    ValidDocument(
        "keys before the first header belong to the root", "name = \"Fido\"\nbreed = \"pug\"\n[owner]\nname = \"Regina Dogman\"",
        #"{name = "Fido", breed = "pug", owner = {name = "Regina Dogman"}}"#),
    ValidDocument(
        "inline tables", "name = { first = \"Tom\", last = \"Preston-Werner\" }\npoint = {x=1,y=2}\nanimal = { type.name = \"pug\" }\nempty = {}\nspaced = {   }",
        #"{name = {first = "Tom", last = "Preston-Werner"}, point = {x = 1, y = 2}, animal = {type = {name = "pug"}}, empty = {}, spaced = {}}"#),
    ValidDocument(
        "nested inline tables, with an array over lines inside", "a = { b = { c = [1, { d = 2 }] }, e.f = [\n  3,\n] }",
        "{a = {b = {c = [1, {d = 2}]}, e = {f = [3]}}}"),
    ValidDocument(
        "an array of tables", "[[products]]\nname = \"Hammer\"\nsku = 738594937\n\n[[products]]  # empty table within the array\n\n[[products]]\nname = \"Nail\"\nsku = 284758393\ncolor = \"gray\"",
        #"{products = [{name = "Hammer", sku = 738594937}, {}, {name = "Nail", sku = 284758393, color = "gray"}]}"#),
    ValidDocument(
        "arrays of tables with sub-tables and nested arrays of tables",
        "[[fruits]]\nname = \"apple\"\n[fruits.physical]\ncolor = \"red\"\n[[fruits.varieties]]\nname = \"red delicious\"\n[[fruits.varieties]]\nname = \"granny smith\"\n\n[[fruits]]\nname = \"banana\"\n[[fruits.varieties]]\nname = \"plantain\"",
        #"{fruits = [{name = "apple", physical = {color = "red"}, varieties = [{name = "red delicious"}, {name = "granny smith"}]}, {name = "banana", varieties = [{name = "plantain"}]}]}"#),
    ValidDocument("a byte-order mark is skipped", "\u{FEFF}a = 1", "{a = 1}"),
    ValidDocument("the deepest nesting allowed", "a = " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128),
        "{a = " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128) + "}"),
]

@Suite("Valid TOML")
struct ValidTOMLTests {
    @Test("reads into the expected values", arguments: validDocuments)
    func readsIntoTheExpectedValues(_ document: ValidDocument) throws {
        #expect(rendered(try TOMLDocument(parsing: document.text).root) == document.expected)
    }

    @Test("every escape of a basic string")
    func everyEscape() throws {
        let text = #"s = "\b\t\n\f\r\"\\\u00E9\U0001F600\u0000 \u001F""#
        #expect(try TOMLDocument(parsing: text).root["s"]?.string == "\u{8}\t\n\u{C}\r\"\\é😀\u{0} \u{1F}")
    }

    @Test("values of every kind keep their type")
    func valuesKeepTheirType() throws {
        let root = try TOMLDocument(parsing: """
            s = "x"
            i = 7
            f = 7.0
            b = true
            odt = 1979-05-27T07:32:00.5+01:00
            ldt = 1979-05-27T07:32:00
            ld = 1979-05-27
            lt = 07:32:00
            a = [1]
            t = {}
            """).root
        #expect(root.entries.map(\.value.typeName) == [
            "string", "integer", "float", "boolean", "offset date-time", "local date-time", "local date", "local time",
            "array", "table",
        ])
        #expect(root["i"]?.integer == 7 && root["f"]?.float == 7.0 && root["b"]?.boolean == true)
        let date = TOMLDate(year: 1979, month: 5, day: 27)
        #expect(root["odt"]?.dateTime == .offsetDateTime(
            date, TOMLTime(hour: 7, minute: 32, second: 0, nanosecond: 500_000_000), offsetMinutes: 60))
        #expect(root["lt"]?.dateTime == .localTime(TOMLTime(hour: 7, minute: 32, second: 0)))
        #expect(root["s"]?.integer == nil && root["a"]?.table == nil && root["t"]?.array == nil)
    }

    @Test("the repository's config and exercise files are TOML")
    func repositoryFiles() throws {
        for name in ["config.toml", "exercises.toml"] {
            let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .deletingLastPathComponent()
            let bytes = try Data(contentsOf: repository.appendingPathComponent("config/\(name)"))
            #expect(throws: Never.self) { try TOMLDocument(parsingUTF8: Array(bytes)) }
        }
    }
}
