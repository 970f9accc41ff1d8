import Testing

@testable import SitBreakJSON

/// A decoding error as messages are built from it: its case, and its coding path in dots.
func summary(of error: any Error) -> String {
    func path(_ context: DecodingError.Context) -> String { context.codingPath.map(\.stringValue).joined(separator: ".") }
    switch error as? DecodingError {
    case .keyNotFound(let key, let context)?: return "keyNotFound \(key.stringValue) at [\(path(context))]"
    case .typeMismatch(_, let context)?: return "typeMismatch at [\(path(context))]"
    case .valueNotFound(_, let context)?: return "valueNotFound at [\(path(context))]"
    case .dataCorrupted(let context)?: return "dataCorrupted at [\(path(context))]"
    default: return "\(error)"
    }
}

@Suite struct EncoderTests {
    let snake = JSONEncoder(keyStrategy: .convertToSnakeCase, options: .sortedKeys)

    @Test func nestedStructsEnumsOptionalsArraysAndDictionaries() throws {
        #expect(
            try snake.encode(Person.ada)
                == #"{"age":36,"favourite_colour":"dark_blue","full_name":"Ada","height_metres":1.65,"#
                + #""home_address":{"post_code":"N1","street_name":"1 Main St/East"},"lucky_range":[7,9],"#
                + #""matrix":[[1,2],[]],"previous_addresses":[{"street_name":"Old \"Mill\" Rd"}],"#
                + #""scores_by_game":{"chessGame":3},"#
                + #""shapes":[{"circle":{"radius":2}},{"square":{"_0":0.5}},{"point":{}}]}"#)
    }

    @Test func everyKindOfContainer() throws {
        #expect(
            try snake.encode(Ledger.sample)
                == #"{"history":[[1,-2],{"count":2},{"street_name":"Quay"},null],"note":"paid","#
                + #""super":{"street_name":"Quay"},"totals":{"amount_in_cents":-150,"count":2}}"#)
    }

    @Test func keysAsDeclaredWithoutAStrategy() throws {
        #expect(
            try JSONEncoder(options: .sortedKeys).encode(Address(streetName: "A", postCode: "B"))
                == #"{"postCode":"B","streetName":"A"}"#)
    }

    @Test func twoContainersOfOneEncoderShareTheObject() throws {
        struct Flattened: Encodable {
            var address = Address(streetName: "A", postCode: nil)
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: JSONKey.self)
                try container.encode("here", forKey: JSONKey(stringValue: "where"))
                try address.encode(to: encoder)
            }
        }
        #expect(try snake.encode(Flattened()) == #"{"street_name":"A","where":"here"}"#)
    }

    @Test func aValueEncodedTwiceUnderOneKeyKeepsTheLast() throws {
        struct Twice: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.container(keyedBy: JSONKey.self)
                try container.encode(1, forKey: JSONKey(stringValue: "a"))
                try container.encode("two", forKey: JSONKey(stringValue: "a"))
            }
        }
        #expect(try snake.encode(Twice()) == #"{"a":"two"}"#)
    }

    @Test func nothingEncodedIsAnEmptyObjectBelowTheTopAndAnErrorAtIt() throws {
        #expect(try snake.encode(Holder()) == #"{"silent":{},"silents":[{}]}"#)
        #expect(throws: EncodingError.self) { try snake.encode(Silent()) }
    }

    @Test func nanIsRefusedWithThePathToIt() throws {
        var person = Person.ada
        person.heightMetres = .nan
        let error = try #require(throws: EncodingError.self) { try snake.encode(person) }
        guard case .invalidValue(_, let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(context.codingPath.map(\.stringValue) == ["heightMetres"])
    }

    @Test func prettyPrinted() throws {
        let encoder = JSONEncoder(keyStrategy: .convertToSnakeCase, options: [.prettyPrinted, .sortedKeys])
        #expect(
            try encoder.encode(Address(streetName: "A", postCode: nil)) == """
                {
                  "street_name" : "A"
                }
                """)
    }
}

@Suite struct DecoderTests {
    let snake = JSONDecoder(keyStrategy: .convertFromSnakeCase)

    func failure<Value: Decodable>(_ type: Value.Type, _ text: String) -> String? {
        do {
            _ = try snake.decode(type, from: text)
            return nil
        } catch {
            return summary(of: error)
        }
    }

    @Test func whatTheEncoderWroteReadsBack() throws {
        let encoder = JSONEncoder(keyStrategy: .convertToSnakeCase, options: .sortedKeys)
        #expect(try snake.decode(Person.self, from: encoder.encode(Person.ada)) == Person.ada)
        #expect(try snake.decode(Ledger.self, from: encoder.encode(Ledger.sample)) == Ledger.sample)
        let plain = JSONEncoder(options: .prettyPrinted)
        #expect(try JSONDecoder().decode(Person.self, from: plain.encode(Person.ada)) == Person.ada)
    }

    @Test func nullAndAbsentAreBothNilForOptionals() throws {
        #expect(try snake.decode(Address.self, from: #"{"street_name":"a","post_code":null}"#).postCode == nil)
        #expect(try snake.decode(Address.self, from: #"{"street_name":"a"}"#).postCode == nil)
        #expect(try snake.decode([Int?].self, from: "[1,null,3]") == [1, nil, 3])
        #expect(failure(Address.self, #"{"street_name":"a","post_code":5}"#) == "typeMismatch at [postCode]")
    }

    @Test func dictionaryKeysAreDataAndKeepTheirSpelling() throws {
        #expect(try snake.decode([String: Int].self, from: #"{"some_key":1}"#) == ["some_key": 1])
        #expect(try JSONEncoder(keyStrategy: .convertToSnakeCase).encode(["someKey": 1]) == #"{"someKey":1}"#)
    }

    @Test func theFirstOfARepeatedKeyWins() throws {
        #expect(try snake.decode(Address.self, from: #"{"street_name":"first","street_name":"second"}"#).streetName == "first")
    }

    @Test func wholeNumbersFitIntegersAndOthersAreRefusedWhereTheyStand() throws {
        #expect(try snake.decode(Age.self, from: #"{"age":30.0}"#) == Age(age: 30))
        #expect(try snake.decode(Age.self, from: #"{"age":3e1}"#) == Age(age: 30))
        #expect(failure(Age.self, #"{"age":300}"#) == "dataCorrupted at [age]")
        #expect(failure(Age.self, #"{"age":1.5}"#) == "dataCorrupted at [age]")
        #expect(failure(Age.self, #"{"age":-1}"#) == "dataCorrupted at [age]")
        #expect(failure(Age.self, #"{"age":"30"}"#) == "typeMismatch at [age]")
        #expect(failure(Age.self, #"{"age":true}"#) == "typeMismatch at [age]")
        #expect(failure(Measure.self, #"{"value":1e400}"#) == "dataCorrupted at [value]")
        #expect(try snake.decode(Measure.self, from: #"{"value":1}"#) == Measure(value: 1))
    }

    @Test(arguments: [
        ("{}", "keyNotFound fullName at []"),
        (#"{"full_name":"A","age":1,"height_metres":1,"home_address":{}}"#, "keyNotFound streetName at [homeAddress]"),
        (#"{"full_name":null}"#, "valueNotFound at [fullName]"),
        (#"{"full_name":"A","age":1,"height_metres":1,"home_address":null}"#, "valueNotFound at [homeAddress]"),
        (#"{"full_name":"A","age":1,"height_metres":1,"home_address":[]}"#, "typeMismatch at [homeAddress]"),
        ("[]", "typeMismatch at []"),
        ("null", "valueNotFound at []"),
        ("7", "typeMismatch at []"),
    ])
    func errorsCarryThePathToWhatIsWrong(text: String, expected: String) {
        #expect(failure(Person.self, text) == expected)
    }

    @Test func errorsInsideArraysNameTheIndexAsFoundationDoes() {
        #expect(failure([Address].self, #"[{"street_name":"a"},{"street_name":5}]"#) == "typeMismatch at [Index 1.streetName]")
        #expect(failure([[Int]].self, "[[1],[2,null]]") == "valueNotFound at [Index 1.Index 1]")
        #expect(failure(ClosedRange<Int>.self, "[1]") == "valueNotFound at [Index 1]")
        #expect(failure(ClosedRange<Int>.self, "[3,1]") == "dataCorrupted at []")
        #expect(failure([Int].self, #"{"a":1}"#) == "typeMismatch at []")
    }

    @Test func enumsMustBeOneOfTheirCases() {
        #expect(failure(Colour.self, #""green""#) == "dataCorrupted at []")
        #expect(failure([Shape].self, #"[{"circle":{"radius":1},"point":{}}]"#) == "typeMismatch at [Index 0]")
        #expect(failure(Shape.self, #"{"circle":{}}"#) == "keyNotFound radius at [circle]")
    }

    @Test func textThatIsNotJSONIsCorruptDataCarryingTheSyntaxError() throws {
        let error = try #require(throws: DecodingError.self) { try snake.decode(Address.self, from: #"{"street_name":}"#) }
        guard case .dataCorrupted(let context) = error else {
            Issue.record("\(error)")
            return
        }
        #expect(context.codingPath.isEmpty)
        #expect(context.debugDescription == "expected a value, found '}' at line 1, column 16")
        #expect(context.underlyingError as? JSONSyntaxError == JSONSyntaxError(
            .unexpectedByte(UInt8(ascii: "}"), expected: "a value"), offset: 15, line: 1, column: 16))
    }

    @Test func aDecodedDocumentCanBeKeptAsAValue() throws {
        let value = try JSONParser.parse(#"{"street_name":"a"}"#)
        #expect(try snake.decode(Address.self, from: value) == Address(streetName: "a", postCode: nil))
        #expect(try JSONEncoder().jsonValue(of: Address(streetName: "a", postCode: nil))
            == .object([JSONMember("streetName", .string("a"))]))
    }
}
