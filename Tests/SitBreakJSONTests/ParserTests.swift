import Testing

@testable import SitBreakJSON

@Suite struct ParserAcceptsTests {
    func number(_ text: String) -> JSONValue { .number(JSONNumber(text)!) }

    /// RFC 8259 documents, in the manner of JSONTestSuite's y_ cases, with what they read as.
    @Test(arguments: [
        ("[]", JSONValue.array([])),
        ("{}", .object([])),
        ("null", .null),
        ("true", .bool(true)),
        ("[true,false,null]", .array([.bool(true), .bool(false), .null])),
        (" \t\r\n[ 1 , 2 ]\n ", .array([.number(JSONNumber(1)), .number(JSONNumber(2))])),
        ("\"x\"", .string("x")),
        ("\"\"", .string("")),
        (#""\"\\\/\b\f\n\r\t""#, .string("\"\\/\u{08}\u{0C}\n\r\t")),
        (#""\u0000""#, .string("\u{0}")),
        (#""\u00e9\u00C9""#, .string("éÉ")),
        (#""\uD834\uDD1E""#, .string("𝄞")),
        (#""\ud83d\ude00""#, .string("😀")),
        ("\"é😀\u{7F}\u{2028}\"", .string("é😀\u{7F}\u{2028}")),
        (#""a/b""#, .string("a/b")),
        (#"{"":0}"#, .object([JSONMember("", .number(JSONNumber(0)))])),
        (
            #"{"a":1,"a":2}"#,
            .object([JSONMember("a", .number(JSONNumber(1))), JSONMember("a", .number(JSONNumber(2)))])
        ),
        (#"[[[]],{"x":[{}]}]"#, .array([.array([.array([])]), .object([JSONMember("x", .array([.object([])]))])])),
    ])
    func documentsReadAsTheirValues(text: String, value: JSONValue) throws {
        #expect(try JSONParser.parse(text) == value)
    }

    /// Numbers are kept as written, whatever their size or spelling.
    @Test(arguments: [
        "0", "-0", "-0.0e+0", "1E22", "1e-2", "123.456e78", "-1", "1.5", "1e400", "123456789012345678901234567890",
        "0.000001", "2E+3",
    ])
    func numbersKeepTheirText(text: String) throws {
        #expect(try JSONParser.parse(text) == number(text))
        #expect(try JSONParser.parse("[\(text)]") == .array([number(text)]))
    }

    @Test func nestingUpToTheLimitIsFine() throws {
        let depth = JSONParser.maximumDepth
        let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        var expected = JSONValue.array([])
        for _ in 1..<depth { expected = .array([expected]) }
        #expect(try JSONParser.parse(text) == expected)
    }
}

@Suite struct ParserRefusesTests {
    typealias Problem = JSONSyntaxError.Problem

    /// JSONTestSuite-style n_ cases: each with the problem found and its byte offset.
    @Test(arguments: [
        ("", Problem.unexpectedEnd(expected: "a value"), 0),
        ("  ", .unexpectedEnd(expected: "a value"), 2),
        ("[1,]", .unexpectedByte(UInt8(ascii: "]"), expected: "a value"), 3),
        (#"{"a":1,}"#, .unexpectedByte(UInt8(ascii: "}"), expected: "a name in quotes"), 7),
        ("[1 2]", .unexpectedByte(UInt8(ascii: "2"), expected: "',' or ']'"), 3),
        (#"{"a" 1}"#, .unexpectedByte(UInt8(ascii: "1"), expected: "':'"), 5),
        ("{a:1}", .unexpectedByte(UInt8(ascii: "a"), expected: "a name in quotes"), 1),
        ("{'a':1}", .unexpectedByte(UInt8(ascii: "'"), expected: "a name in quotes"), 1),
        ("['a']", .unexpectedByte(UInt8(ascii: "'"), expected: "a value"), 1),
        ("[", .unexpectedEnd(expected: "a value"), 1),
        (#"{"a":1"#, .unexpectedEnd(expected: "',' or '}'"), 6),
        ("[1,2", .unexpectedEnd(expected: "',' or ']'"), 4),
        ("[1]]", .unexpectedByte(UInt8(ascii: "]"), expected: "the end of the text"), 3),
        ("[1] x", .unexpectedByte(UInt8(ascii: "x"), expected: "the end of the text"), 4),
        ("/* c */ 1", .unexpectedByte(UInt8(ascii: "/"), expected: "a value"), 0),
        ("01", .leadingZero, 0),
        ("-012", .leadingZero, 1),
        ("1.", .unexpectedEnd(expected: "a digit"), 2),
        ("1.e3", .unexpectedByte(UInt8(ascii: "e"), expected: "a digit"), 2),
        (".5", .unexpectedByte(UInt8(ascii: "."), expected: "a value"), 0),
        ("1e", .unexpectedEnd(expected: "a digit"), 2),
        ("1e+", .unexpectedEnd(expected: "a digit"), 3),
        ("+1", .unexpectedByte(UInt8(ascii: "+"), expected: "a value"), 0),
        ("-", .unexpectedEnd(expected: "a digit"), 1),
        ("0x10", .unexpectedByte(UInt8(ascii: "x"), expected: "the end of the text"), 1),
        ("1.0.1", .unexpectedByte(UInt8(ascii: "."), expected: "the end of the text"), 3),
        ("NaN", .unexpectedByte(UInt8(ascii: "N"), expected: "a value"), 0),
        ("-Infinity", .unexpectedByte(UInt8(ascii: "I"), expected: "a digit"), 1),
        ("tru", .unexpectedEnd(expected: "true"), 3),
        ("nul1", .unexpectedByte(UInt8(ascii: "1"), expected: "null"), 3),
        ("True", .unexpectedByte(UInt8(ascii: "T"), expected: "a value"), 0),
        ("\"abc", .unexpectedEnd(expected: "'\"' to close the string"), 4),
        ("\"a\tb\"", .unescapedControlCharacter(0x09), 2),
        ("[\"a\nb\"]", .unescapedControlCharacter(0x0A), 3),
        ("\"\u{1F}\"", .unescapedControlCharacter(0x1F), 1),
        (#""\x""#, .unexpectedByte(UInt8(ascii: "x"), expected: "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u"), 2),
        (#""\'""#, .unexpectedByte(UInt8(ascii: "'"), expected: "an escape: \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u"), 2),
        (#""\u12""#, .unexpectedByte(UInt8(ascii: "\""), expected: "a hex digit"), 5),
        (#""\u00G0""#, .unexpectedByte(UInt8(ascii: "G"), expected: "a hex digit"), 5),
        (#""\uD800""#, .loneSurrogate(0xD800), 1),
        (#""\uDC00""#, .loneSurrogate(0xDC00), 1),
        (#""\uD800\u0041""#, .loneSurrogate(0xD800), 1),
        (#""\uD800x""#, .loneSurrogate(0xD800), 1),
        (#"["\uDBFF\uDBFF"]"#, .loneSurrogate(0xDBFF), 2),
        ("\u{0}", .unexpectedByte(0, expected: "a value"), 0),
        ("[1]\u{0}", .unexpectedByte(0, expected: "the end of the text"), 3),
    ])
    func malformedTextIsRefusedWhereItGoesWrong(text: String, problem: Problem, offset: Int) {
        #expect(throws: JSONSyntaxError(problem, at: offset, in: Array(text.utf8))) { try JSONParser.parse(text) }
    }

    /// Bytes no String could hold: invalid UTF-8 inside and outside strings, and a BOM.
    @Test(arguments: [
        ([0x22, 0xFF, 0x22], Problem.invalidUTF8, 1),
        ([0x22, 0x80, 0x22], .invalidUTF8, 1),
        ([0x22, 0xC0, 0xAF, 0x22], .invalidUTF8, 1),  // overlong "/"
        ([0x22, 0xE0, 0x80, 0xAF, 0x22], .invalidUTF8, 1),  // overlong, three bytes
        ([0x22, 0xED, 0xA0, 0x80, 0x22], .invalidUTF8, 1),  // U+D800 encoded directly
        ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], .invalidUTF8, 1),  // past U+10FFFF
        ([0x22, 0x61, 0xE2, 0x82, 0x22], .invalidUTF8, 2),  // cut short
        ([0x22, 0xE2, 0x82], .invalidUTF8, 1),  // cut short by the end
        ([0xFF], .unexpectedByte(0xFF, expected: "a value"), 0),
        ([0xEF, 0xBB, 0xBF, 0x7B, 0x7D], .unexpectedByte(0xEF, expected: "a value"), 0),
    ] as [([UInt8], Problem, Int)])
    func invalidUTF8IsRefused(bytes: [UInt8], problem: Problem, offset: Int) {
        #expect(throws: JSONSyntaxError(problem, at: offset, in: bytes)) { try JSONParser.parse(bytes) }
    }

    @Test func wellFormedUTF8OfEveryLengthIsKept() throws {
        let bytes: [UInt8] = [0x22, 0x24, 0xC2, 0xA2, 0xE2, 0x82, 0xAC, 0xF0, 0x90, 0x8D, 0x88, 0x22]
        #expect(try JSONParser.parse(bytes) == .string("$¢€𐍈"))
    }

    @Test func nestingPastTheLimitIsRefusedAtTheFirstLevelTooMany() {
        let depth = JSONParser.maximumDepth + 1
        let arrays = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        #expect(throws: JSONSyntaxError(.tooDeep(limit: 64), at: 64, in: Array(arrays.utf8))) {
            try JSONParser.parse(arrays)
        }
        let objects = String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)
        #expect(throws: JSONSyntaxError(.tooDeep(limit: 64), at: 64 * 5, in: Array(objects.utf8))) {
            try JSONParser.parse(objects)
        }
    }

    @Test func errorsSayWhatWasExpectedAndWhereInLinesAndCharacters() throws {
        let multiline = "{\n  \"a\": tru\n}"
        let error = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(multiline) }
        #expect(error.line == 2)
        #expect(error.column == 11)
        #expect(error.offset == 12)
        #expect(error.description == "expected true, found byte 0x0A at line 2, column 11")

        // Columns count characters, not bytes, so they match what an editor shows.
        let accented = try #require(throws: JSONSyntaxError.self) { try JSONParser.parse(#"["é", x]"#) }
        #expect(accented.offset == 7)
        #expect(accented.column == 7)
        #expect(accented.description == "expected a value, found 'x' at line 1, column 7")
    }

    @Test func everyProblemReadsAsASentence() {
        #expect(
            JSONSyntaxError.Problem.unexpectedEnd(expected: "a value").description
                == "expected a value, found the end of the text")
        #expect(JSONSyntaxError.Problem.leadingZero.description == "a number cannot start with 0 followed by more digits")
        #expect(
            JSONSyntaxError.Problem.unescapedControlCharacter(0x1B).description
                == "control character U+001B in a string must be written as an escape")
        #expect(
            JSONSyntaxError.Problem.loneSurrogate(0xDC0A).description
                == "\\uDC0A is half of a surrogate pair without its other half")
        #expect(JSONSyntaxError.Problem.invalidUTF8.description == "invalid UTF-8 in a string")
        #expect(JSONSyntaxError.Problem.tooDeep(limit: 64).description == "arrays and objects nested more than 64 deep")
    }
}
