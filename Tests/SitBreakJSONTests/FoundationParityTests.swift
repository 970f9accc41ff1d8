import Foundation
import Testing

@testable import SitBreakJSON
import SitBreakTestSupport

/// SitBreakJSON replaces Foundation's JSONEncoder and JSONDecoder in the daemon, so here the
/// two are held to the same text and the same errors, Foundation being the reference.
@Suite struct FoundationParityTests {
    func foundationText<Value: Encodable>(_ value: Value, snakeCase: Bool, pretty: Bool) throws -> String {
        let encoder = Foundation.JSONEncoder()
        if snakeCase { encoder.keyEncodingStrategy = .convertToSnakeCase }
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            : [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    func ourText<Value: Encodable>(_ value: Value, snakeCase: Bool, pretty: Bool) throws -> String {
        let encoder = SitBreakJSON.JSONEncoder(
            keyStrategy: snakeCase ? .convertToSnakeCase : .useDefaultKeys,
            options: pretty ? [.prettyPrinted, .sortedKeys] : .sortedKeys)
        return try encoder.encode(value)
    }

    func expectSameText<Value: Encodable>(_ value: Value, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for snakeCase in [false, true] {
            for pretty in [false, true] {
                #expect(
                    try ourText(value, snakeCase: snakeCase, pretty: pretty)
                        == foundationText(value, snakeCase: snakeCase, pretty: pretty),
                    "snake case \(snakeCase), pretty \(pretty)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test func structuresAreWrittenTheSame() throws {
        try expectSameText(Person.ada)
        try expectSameText(Ledger.sample)
        try expectSameText(Holder())
        try expectSameText([[String: [Int?]]]([["b": [1, nil]], [:], ["a": []]]))
    }

    @Test func everyControlCharacterAndSomeOfUnicodeAreWrittenTheSame() throws {
        let scalars = (0..<0x80).map { Character(Unicode.Scalar(UInt8($0))) }
        try expectSameText([String(scalars), "é\u{2028}\u{2029}\u{FEFF}😀\u{10FFFF}", "a/b"])
        try expectSameText(["é": 1, "z": 2, "\u{FFFF}": 3, "😀": 4, "Z": 5, "_": 6, "10": 7, "9": 8])
    }

    /// Doubles of every magnitude, drawn from a fixed seed so any failure comes back.
    @Test func doublesAreSpelledTheSame() throws {
        var generator = SplitMix64(seed: 0x5EED)
        var doubles: [Double] = [0, -0.0, 1, -1, 0.1, 1e15, 1e16, 1e-5, 1e-7, 9_007_199_254_740_992, .ulpOfOne]
        while doubles.count < 5_000 {
            let double = Double(bitPattern: generator.next())
            if double.isFinite { doubles.append(double) }
        }
        for _ in 0..<1_000 {
            doubles.append(Double(Int64(bitPattern: generator.next()) >> 20) / 1_000)
            doubles.append(Double(generator.next() >> 11))
        }
        try expectSameText(doubles)
        try expectSameText(doubles.map { Float($0) }.filter(\.isFinite))
    }

    /// Numbers as both decoders take them, or refuse them, for each type.
    @Test(arguments: [
        "0", "-0", "1", "1.0", "1e2", "100e-2", "0.1e1", "1.5", "-1", "255", "256", "1e-2", "1e400", "-1e400",
        "9223372036854775807", "9223372036854775808", "-9223372036854775808", "18446744073709551615",
        "123456789012345678901234567890", "1e-400", "1e-320", "1e-50", "-1e-46", "0e-999", "0.0e5", "2.5e-3",
        "0.30000000000000004", "1.7976931348623157e308",
    ])
    func numbersAreReadTheSame(text: String) {
        func both<Value: Decodable & Equatable>(_ type: Value.Type) {
            let ours = try? SitBreakJSON.JSONDecoder().decode(type, from: text)
            let foundations = try? Foundation.JSONDecoder().decode(type, from: Data(text.utf8))
            #expect(ours == foundations, "\(text) as \(type)")
        }
        both(Int.self)
        both(UInt8.self)
        both(Int64.self)
        both(UInt64.self)
        both(Double.self)
        both(Float.self)
    }

    /// A person's first fields, for the cases below to go wrong after.
    static let started = #"{"full_name":"A","age":1,"height_metres":1,"home_address":{"street_name":"s""#

    /// The case and coding path of each error, which is what ControlProtocolError's messages
    /// are made of. Foundation reports numbers that do not fit at the top as not JSON at all;
    /// ours says where they stand, so they are tested in DecoderTests instead.
    @Test(arguments: [
        "{}", #"{"full_name":null}"#, #"{"full_name":5}"#, "[]", "null", #""x""#,
        #"{"full_name":"A","age":1,"height_metres":1,"home_address":{}}"#,
        #"{"full_name":"A","age":1,"height_metres":1,"home_address":null}"#,
    ] + [
        #"},"previous_addresses":[{}]}"#,
        #"},"previous_addresses":[],"shapes":[{"triangle":{}}]}"#,
        #"},"previous_addresses":[],"shapes":[],"favourite_colour":"green"}"#,
        #"},"previous_addresses":[],"shapes":[],"favourite_colour":"red","scores_by_game":{"a":"1"}}"#,
        #"},"previous_addresses":[],"shapes":[],"favourite_colour":"red","scores_by_game":{},"matrix":[[1],[true]]}"#,
        #"},"previous_addresses":[],"shapes":[],"favourite_colour":"red","scores_by_game":{},"matrix":[],"#
            + #""lucky_range":[1]}"#,
    ].map { FoundationParityTests.started + $0 })
    func errorsHaveTheSameCaseAndPath(text: String) {
        func failure(_ decode: () throws -> Person) -> String? {
            do {
                _ = try decode()
                return nil
            } catch {
                return summary(of: error)
            }
        }
        let ours = failure {
            try SitBreakJSON.JSONDecoder(keyStrategy: .convertFromSnakeCase).decode(Person.self, from: text)
        }
        let foundations = failure {
            let decoder = Foundation.JSONDecoder()
            decoder.keyDecodingStrategy = .convertFromSnakeCase
            return try decoder.decode(Person.self, from: Data(text.utf8))
        }
        #expect(ours != nil)
        #expect(ours == foundations)
    }
}
