import SitBreakTOML
import Testing

/// A text that is not TOML and the whole error it must give, `LINE:COL: MESSAGE`.
struct InvalidDocument: Sendable, CustomTestStringConvertible {
    let text: String
    let error: String
    var testDescription: String { error }

    init(_ text: String, _ error: String) {
        self.text = text
        self.error = error
    }
}

private let largest = "(-9223372036854775808 to 9223372036854775807)"
private let dateTimeFormat = "YYYY-MM-DDTHH:MM:SS, with an optional offset such as Z or +02:00"

private let invalidDocuments: [InvalidDocument] = [
    // Keys and tables defined once
    InvalidDocument("a = 1\na = 2", #"2:1: key "a" defined twice (first at 1:1)"#),
    InvalidDocument("a = { b = 1, b = 2 }", #"1:14: key "b" defined twice (first at 1:7)"#),
    InvalidDocument("[t]\na.b = 1\na.b = 2", #"3:1: key "a.b" defined twice (first at 2:1)"#),
    InvalidDocument("[a]\nb = 1\n[a]", "3:2: table [a] defined twice (first at 1:2)"),
    InvalidDocument("[a]\n[a.b]\n[a.b]", "3:2: table [a.b] defined twice (first at 2:2)"),
    InvalidDocument("[a.b]\n[a]\n[a]", "3:2: table [a] defined twice (first at 2:2)"),
    InvalidDocument("[a]\nb = 1\n[a.b]", #"3:2: cannot define table [a.b]: "b" is already an integer (at 2:1), not a table"#),
    InvalidDocument("a.b = 1\na.b.c = 2", #"2:1: cannot define key "a.b.c": "b" is already an integer (at 1:1), not a table"#),
    InvalidDocument("a = 1\n[a.b]", #"2:2: cannot define table [a.b]: "a" is already an integer (at 1:1), not a table"#),
    InvalidDocument("[a]\nb.c = 1\n[a.b]", "3:2: cannot define table [a.b]: dotted keys already define it (at 2:1)"),
    InvalidDocument(
        "[a.b.c]\nz = 1\n[a]\nb.c.t = 2",
        #"4:1: cannot define key "b.c.t": table "b" is made by a [header] (at 1:2), which dotted keys cannot add to"#),
    // Inline tables are complete as written
    InvalidDocument(
        "a = {}\n[a]",
        #"2:2: cannot define table [a]: "a" is already an inline table (at 1:1); write all its keys inside its braces"#),
    InvalidDocument(
        "a = {b = 1}\na.c = 2",
        #"2:1: cannot define key "a.c": "a" is already an inline table (at 1:1); write all its keys inside its braces"#),
    InvalidDocument(
        "a = {b = {c = 1}}\n[a.b.d]",
        #"2:2: cannot define table [a.b.d]: "a" is already an inline table (at 1:1); write all its keys inside its braces"#),
    InvalidDocument(
        "a = { b = {}, b.c = 1 }",
        #"1:15: cannot define key "b.c": "b" is already an inline table (at 1:7); write all its keys inside its braces"#),
    // Arrays of tables
    InvalidDocument(
        "a = [1]\n[[a]]", #"2:3: cannot define [[a]]: "a" is already an array (at 1:1), not an array of tables"#),
    InvalidDocument(
        "[a]\n[[a]]", #"2:3: cannot define [[a]]: "a" is already a table (at 1:2), not an array of tables"#),
    InvalidDocument(
        "[[a]]\n[a]",
        #"2:2: cannot define table [a]: "a" is already an array of tables (first at 1:3); write [[a]] to add a table to it"#),
    InvalidDocument(
        "[[a.b]]\n[a]\nb.y = 2",
        #"3:1: cannot define key "b.y": "b" is already an array of tables (at 1:3), not a table"#),
    InvalidDocument("a = [{}]\n[a.b]", #"2:2: cannot define table [a.b]: "a" is already an array (at 1:1), not a table"#),
    // Strings
    InvalidDocument(#"a = "\q""#, "1:6: invalid escape: a backslash before 'q'; write \\\\ for a backslash, or use a 'literal string'"),
    InvalidDocument(#"a = "\x41""#, "1:6: invalid escape: a backslash before 'x'; write \\\\ for a backslash, or use a 'literal string'"),
    InvalidDocument(#"a = "\uD800""#, #"1:6: \uD800 is not a Unicode scalar value"#),
    InvalidDocument(#"a = "\U00110000""#, #"1:6: \U00110000 is not a Unicode scalar value"#),
    InvalidDocument(#"a = "\u12""#, #"1:6: \u must be followed by 4 hexadecimal digits"#),
    InvalidDocument("a = \"\"\"\n\\ x\"\"\"", "2:1: invalid escape: a backslash before ' '; write \\\\ for a backslash, or use a 'literal string'"),
    InvalidDocument("a = \"abc\nb = 1", #"1:5: unterminated string: close it with " on the same line"#),
    InvalidDocument("a = 'abc", "1:5: unterminated string: close it with ' on the same line"),
    InvalidDocument("a = \"\"\"abc\n", #"1:5: unterminated multi-line string: no """ closes it"#),
    InvalidDocument("a = '''abc''", "1:5: unterminated multi-line string: no ''' closes it"),
    InvalidDocument("a = \"\"\"x\"\"\"\"\"\"", #"1:14: expected a new line after the value, found '"'"#),
    InvalidDocument("a = \"tab\tok, bell \u{7} not\"", #"1:19: control character U+0007 in a string; write it as the escape \u0007"#),
    InvalidDocument("a = 'x\u{7F}'", #"1:7: control character U+007F in a string; write it as the escape \u007F"#),
    InvalidDocument("a = '''x\ry'''", #"1:9: a carriage return (U+000D) without a line feed in a string; write it as the escape \u000D"#),
    InvalidDocument("\"\"\"a\"\"\" = 1", "1:1: a key cannot be a multi-line string"),
    // Integers
    InvalidDocument("a = 012", "1:5: invalid number 012: leading zeros are not allowed"),
    InvalidDocument("a = -01.5", "1:5: invalid number -01.5: leading zeros are not allowed"),
    InvalidDocument("a = 1_", "1:5: invalid number 1_: an underscore must stand between two digits"),
    InvalidDocument("a = _1", "1:5: expected a value, found _1"),
    InvalidDocument("a = 1__2", "1:5: invalid number 1__2: an underscore must stand between two digits"),
    InvalidDocument("a = 0x_1", "1:5: invalid number 0x_1: an underscore must stand between two digits"),
    InvalidDocument("a = 9223372036854775808", "1:5: invalid number 9223372036854775808: it does not fit in 64 bits \(largest)"),
    InvalidDocument("a = -9223372036854775809", "1:5: invalid number -9223372036854775809: it does not fit in 64 bits \(largest)"),
    InvalidDocument("a = 0x1_0000_0000_0000_0000", "1:5: invalid number 0x1_0000_0000_0000_0000: it does not fit in 64 bits \(largest)"),
    InvalidDocument("a = 0x", "1:5: invalid number 0x: digits are missing"),
    InvalidDocument("a = +0x1", "1:5: invalid number +0x1: a hexadecimal number cannot have a sign"),
    InvalidDocument("a = 0o8", "1:5: invalid number 0o8: '8' is not an octal digit"),
    InvalidDocument("a = 0b102", "1:5: invalid number 0b102: '2' is not a binary digit"),
    // Floats
    InvalidDocument("a = 1.", "1:5: invalid number 1.: digits must follow the decimal point"),
    InvalidDocument("a = 1.e5", "1:5: invalid number 1.e5: digits must follow the decimal point"),
    InvalidDocument("a = .5", "1:5: expected a value, found .5"),
    InvalidDocument("a = 1e", "1:5: invalid number 1e: the exponent has no digits"),
    InvalidDocument("a = 1._5", "1:5: invalid number 1._5: an underscore must stand between two digits"),
    InvalidDocument("a = 1.5_", "1:5: invalid number 1.5_: an underscore must stand between two digits"),
    InvalidDocument("a = infinity", "1:5: expected a value, found infinity"),
    // Other values
    InvalidDocument("a = True", "1:5: expected a value, found True"),
    InvalidDocument("sit_limit = 45m", "1:13: expected a value, found 45m"),
    InvalidDocument("a =", "1:4: expected a value, found the end of the file"),
    InvalidDocument("a = # nothing", "1:5: expected a value, found '#'"),
    InvalidDocument("a = 1979-13-01", "1:5: invalid date 1979-13-01: month 13 is out of range (1 to 12)"),
    InvalidDocument("a = 2023-02-29", "1:5: invalid date 2023-02-29: day 29 is out of range (1 to 28)"),
    InvalidDocument("a = 1979-5-27", "1:5: invalid date 1979-5-27: write it as YYYY-MM-DD"),
    InvalidDocument("a = 24:00:00", "1:5: invalid time 24:00:00: hour 24 is out of range (0 to 23)"),
    InvalidDocument("a = 07:32", "1:5: invalid time 07:32: write it as HH:MM:SS"),
    InvalidDocument("a = 07:32:00.", "1:5: invalid time 07:32:00.: digits must follow the decimal point"),
    InvalidDocument(
        "a = 1979-05-27T07:32:00+25:00",
        "1:5: invalid date-time 1979-05-27T07:32:00+25:00: offset hour 25 is out of range (0 to 23)"),
    InvalidDocument("a = 1979-05-27 07:32", "1:5: invalid date-time 1979-05-27 07:32: write it as \(dateTimeFormat)"),
    // Arrays and inline tables
    InvalidDocument("a = [1, 2", "1:5: unterminated array: no ']' closes this '['"),
    InvalidDocument("a = [1 2]", "1:8: expected ',' or ']' after an array element, found '2'"),
    InvalidDocument("a = [1,,2]", "1:8: expected a value, found ','"),
    InvalidDocument(
        "a = { b = 1,\n c = 2 }", "1:13: an inline table must end on the line it starts (at 1:5); use a [table] for more lines"),
    InvalidDocument("a = {\n}", "1:6: an inline table must end on the line it starts (at 1:5); use a [table] for more lines"),
    InvalidDocument("a = { b = 1, }", "1:14: no comma may follow the last value of an inline table"),
    InvalidDocument("a = { b = 1", "1:5: unterminated inline table: no '}' closes this '{'"),
    InvalidDocument("a = { b = 1 c = 2 }", "1:13: expected ',' or '}' after a value in an inline table, found 'c'"),
    // Lines, keys and headers
    InvalidDocument("a 1", #"1:3: expected '=' after key "a", found '1'"#),
    InvalidDocument("a = 1 b = 2", "1:7: expected a new line after the value, found 'b'"),
    InvalidDocument("a = \"x\" \"y\"", #"1:9: expected a new line after the value, found '"'"#),
    InvalidDocument("a. = 1", "1:4: expected a key after '.', found '='"),
    InvalidDocument("= 1", "1:1: expected a key or a [table] header, found '='"),
    InvalidDocument("[a", "1:3: expected ']' after the table name, found the end of the file"),
    InvalidDocument("[]", "1:2: expected a table name, found ']'"),
    InvalidDocument("[[a]", "1:4: expected ']]' after the table name, found ']'"),
    InvalidDocument("[[a] ]", "1:4: expected ']]' after the table name, found ']'"),
    InvalidDocument("[a] b = 1", "1:5: expected a new line after the table header, found 'b'"),
    // Characters no TOML text holds
    InvalidDocument("\u{0}\na = 1", "1:1: expected a key or a [table] header, found a NUL byte"),
    InvalidDocument("a = \"x\u{0}\"", #"1:7: a NUL byte in a string; write it as the escape \u0000"#),
    InvalidDocument("# \u{7}", "1:3: control character U+0007 in a comment"),
    InvalidDocument("a = 1\u{1}", "1:6: expected a new line after the value, found control character U+0001"),
    InvalidDocument("a = 1\r", "1:6: expected a new line after the value, found a carriage return (U+000D) without a line feed"),
    InvalidDocument("a = é", "1:5: expected a value, found é"),
    // Nesting
    InvalidDocument("a = " + String(repeating: "[", count: 129), "1:133: tables and arrays nest deeper than 128 levels"),
    InvalidDocument("a = " + String(repeating: "{b=", count: 200), "1:389: tables and arrays nest deeper than 128 levels"),
    InvalidDocument(
        "[" + Array(repeating: "a", count: 200).joined(separator: ".") + "]", "1:2: tables and arrays nest deeper than 128 levels"),
    InvalidDocument(
        Array(repeating: "a", count: 200).joined(separator: ".") + " = 1", "1:1: tables and arrays nest deeper than 128 levels"),
]

@Suite("Invalid TOML")
struct InvalidTOMLTests {
    @Test("is refused with its line, column and what is wrong", arguments: invalidDocuments)
    func isRefused(_ document: InvalidDocument) {
        #expect(throws: TOMLSyntaxError.self) { try TOMLDocument(parsing: document.text) }
        do {
            _ = try TOMLDocument(parsing: document.text)
        } catch {
            #expect(error.description == document.error)
        }
    }

    @Test("bytes that are not UTF-8 are refused where they start")
    func invalidUTF8() {
        let cases: [(bytes: [UInt8], error: String)] = [
            (Array("a = \"é".utf8) + [0xFF, 0x22], "1:7: invalid UTF-8; save the file as UTF-8 text"),
            (Array("a = 1\nb = \"".utf8) + [0xC0, 0xAF, 0x22], "2:6: invalid UTF-8; save the file as UTF-8 text"),
            (Array("a = \"".utf8) + [0xED, 0xA0, 0x80, 0x22], "1:6: invalid UTF-8; save the file as UTF-8 text"),
            (Array("a = \"".utf8) + [0xE2, 0x82], "1:6: invalid UTF-8; save the file as UTF-8 text"),
        ]
        for (bytes, expected) in cases {
            #expect(throws: TOMLSyntaxError.self) { try TOMLDocument(parsingUTF8: bytes) }
            do {
                _ = try TOMLDocument(parsingUTF8: bytes)
            } catch {
                #expect(error.description == expected)
            }
        }
    }

    @Test("nesting far past the limit stops at the limit, whatever comes after")
    func hostileNesting() {
        // Fuzzer finds: a NUL and then a thousand braces, and a long run of brackets. Both must
        // end at the first problem, never in a walk of the whole text or a deep recursion.
        let braces = "\u{0}\na = " + String(repeating: "{", count: 1000)
        #expect(throws: TOMLSyntaxError(line: 1, column: 1, message: "expected a key or a [table] header, found a NUL byte")) {
            try TOMLDocument(parsing: braces)
        }
        let brackets = "a = " + String(repeating: "[", count: 300_000)
        #expect(throws: TOMLSyntaxError(line: 1, column: 133, message: "tables and arrays nest deeper than 128 levels")) {
            try TOMLDocument(parsing: brackets)
        }
        let headers = (1...300).map { "[" + Array(repeating: "t", count: $0).joined(separator: ".") + "]" }.joined(separator: "\n")
        #expect(throws: TOMLSyntaxError(line: 129, column: 2, message: "tables and arrays nest deeper than 128 levels")) {
            try TOMLDocument(parsing: headers)
        }
    }
}
