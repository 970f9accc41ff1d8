import Testing

@testable import SitBreakJSON

@Suite struct WriterTests {
    let document = JSONValue.object([
        JSONMember("zebra", .array([.number(JSONNumber(1)), .string("two"), .null])),
        JSONMember("apple", .bool(true)),
        JSONMember("empty_list", .array([])),
        JSONMember("empty_object", .object([])),
        JSONMember("Nested", .object([JSONMember("b", .number(JSONNumber(-2.5)!)), JSONMember("a", .bool(false))])),
    ])

    @Test func compactTextKeepsMembersInOrderUnlessSorted() {
        #expect(
            JSONWriter.text(of: document)
                == #"{"zebra":[1,"two",null],"apple":true,"empty_list":[],"empty_object":{},"Nested":{"b":-2.5,"a":false}}"#)
        #expect(
            JSONWriter.text(of: document, options: .sortedKeys)
                == #"{"Nested":{"a":false,"b":-2.5},"apple":true,"empty_list":[],"empty_object":{},"zebra":[1,"two",null]}"#)
    }

    /// Foundation's layout, blank line inside empty brackets and all.
    @Test func prettyTextIsFoundationsLayout() {
        let expected = """
            {
              "Nested" : {
                "a" : false,
                "b" : -2.5
              },
              "apple" : true,
              "empty_list" : [

              ],
              "empty_object" : {

              },
              "zebra" : [
                1,
                "two",
                null
              ]
            }
            """
        #expect(JSONWriter.text(of: document, options: [.prettyPrinted, .sortedKeys]) == expected)
        #expect(JSONWriter.text(of: .array([]), options: .prettyPrinted) == "[\n\n]")
        #expect(JSONWriter.text(of: .string("top"), options: .prettyPrinted) == "\"top\"")
    }

    @Test func stringsEscapeQuotesBackslashesAndControlCharactersOnly() {
        let string = "\"\\/\u{0}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1B}\u{1F} \u{7F}é\u{2028}😀"
        #expect(
            JSONWriter.text(of: .string(string))
                == "\"\\\"\\\\/\\u0000\\b\\t\\n\\u000b\\f\\r\\u001b\\u001f \u{7F}é\u{2028}😀\"")
    }

    @Test func keysAreSortedByTheirUTF8Bytes() {
        let keys = ["é", "z", "\u{FFFF}", "😀", "Z", "_", "10", "9", "a"]
        let object = JSONValue.object(keys.map { JSONMember($0, .null) })
        #expect(
            JSONWriter.text(of: object, options: .sortedKeys)
                == #"{"10":null,"9":null,"Z":null,"_":null,"a":null,"z":null,"é":null,"￿":null,"😀":null}"#)
    }

    @Test func writtenTextParsesBackToTheSameValue() throws {
        for options in [[], JSONWriter.Options.prettyPrinted] {
            #expect(try JSONParser.parse(JSONWriter.text(of: document, options: options)) == document)
        }
    }
}

@Suite struct NumberTests {
    /// Swift's shortest spelling without ".0", as Foundation's JSONEncoder writes doubles.
    @Test(arguments: [
        (1.0, "1"), (0.1, "0.1"), (-0.0, "-0"), (100, "100"), (1e15, "1000000000000000"), (1e16, "1e+16"),
        (1e-7, "1e-07"), (123_456_789_012.345, "123456789012.345"), (Double.leastNonzeroMagnitude, "5e-324"),
        (Double.greatestFiniteMagnitude, "1.7976931348623157e+308"), (12_345_678.9, "12345678.9"),
    ])
    func doublesAreSpelledAsFoundationSpellsThem(value: Double, text: String) {
        #expect(JSONNumber(value)?.text == text)
    }

    @Test func nanAndInfinitiesHaveNoSpelling() {
        #expect(JSONNumber(Double.nan) == nil)
        #expect(JSONNumber(Double.infinity) == nil)
        #expect(JSONNumber(-Float.infinity) == nil)
    }

    @Test func integersAreExactAtAnySize() {
        #expect(JSONNumber(UInt64.max).text == "18446744073709551615")
        #expect(JSONNumber(Int64.min).text == "-9223372036854775808")
        #expect(JSONNumber("18446744073709551615")?.integer(as: UInt64.self) == UInt64.max)
        #expect(JSONNumber("-9223372036854775808")?.integer(as: Int64.self) == Int64.min)
    }

    @Test func wholeNumbersInAnySpellingFitIntegers() {
        #expect(JSONNumber("1.0")?.integer(as: Int.self) == 1)
        #expect(JSONNumber("1e2")?.integer(as: Int.self) == 100)
        #expect(JSONNumber("100e-2")?.integer(as: Int.self) == 1)
        #expect(JSONNumber("-0")?.integer(as: Int.self) == 0)
        #expect(JSONNumber("2.0")?.integer(as: UInt8.self) == 2)
    }

    @Test func fractionsAndNumbersOutOfRangeDoNot() {
        #expect(JSONNumber("1.5")?.integer(as: Int.self) == nil)
        #expect(JSONNumber("1e-2")?.integer(as: Int.self) == nil)
        #expect(JSONNumber("256")?.integer(as: UInt8.self) == nil)
        #expect(JSONNumber("-1")?.integer(as: UInt.self) == nil)
        #expect(JSONNumber("9223372036854775808")?.integer(as: Int.self) == nil)
        #expect(JSONNumber("1e400")?.integer(as: Int.self) == nil)
        #expect(JSONNumber("1e400")?.floatingPoint(as: Double.self) == nil)
        #expect(JSONNumber("1e39")?.floatingPoint(as: Float.self) == nil)
        #expect(JSONNumber("1e-400")?.floatingPoint(as: Double.self) == nil)
        #expect(JSONNumber("0e-400")?.floatingPoint(as: Double.self) == 0)
        #expect(JSONNumber("-1.25e-3")?.floatingPoint(as: Double.self) == -0.00125)
    }

    @Test func onlyJSONSpellingsAreNumbers() {
        for text in ["", "+1", "01", "1.", ".5", "1e", "0x10", "NaN", "inf", "1 ", " 1", "1_000"] {
            #expect(JSONNumber(text) == nil, "\(text)")
        }
    }
}
