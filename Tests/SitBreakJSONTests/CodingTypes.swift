/// Types that exercise what synthesized and hand-written Codable conformances ask of an
/// encoder and decoder; shared by the coding tests and the comparison with Foundation.
struct Address: Codable, Equatable {
    var streetName: String
    var postCode: String?
}

enum Shape: Codable, Equatable {
    case circle(radius: Double)
    case square(Double)
    case point
}

enum Colour: String, Codable {
    case red
    case darkBlue = "dark_blue"
}

struct Person: Codable, Equatable {
    var fullName: String
    var age: UInt8
    var heightMetres: Double
    var nickname: String?
    var homeAddress: Address
    var previousAddresses: [Address]
    var shapes: [Shape]
    var favouriteColour: Colour
    var scoresByGame: [String: Int]
    var matrix: [[Int]]
    var luckyRange: ClosedRange<Int>

    static let ada = Person(
        fullName: "Ada", age: 36, heightMetres: 1.65, nickname: nil,
        homeAddress: Address(streetName: "1 Main St/East", postCode: "N1"),
        previousAddresses: [Address(streetName: "Old \"Mill\" Rd", postCode: nil)],
        shapes: [.circle(radius: 2), .square(0.5), .point], favouriteColour: .darkBlue,
        scoresByGame: ["chessGame": 3], matrix: [[1, 2], []], luckyRange: 7...9)
}

/// Every kind of container the Encoder and Decoder protocols hand out: nested keyed and
/// unkeyed ones, both superEncoders of a keyed container and the one of an unkeyed one.
struct Ledger: Codable, Equatable {
    var owner: Address
    var note: String
    var amountInCents: Int64
    var count: UInt16
    var pair: [Int8]

    enum Keys: String, CodingKey { case note, totals, history }
    enum TotalKeys: String, CodingKey { case amountInCents, count }

    static let sample = Ledger(
        owner: Address(streetName: "Quay", postCode: nil), note: "paid", amountInCents: -150, count: 2, pair: [1, -2])

    init(owner: Address, note: String, amountInCents: Int64, count: UInt16, pair: [Int8]) {
        self.owner = owner
        self.note = note
        self.amountInCents = amountInCents
        self.count = count
        self.pair = pair
    }

    func encode(to encoder: any Encoder) throws {
        var root = encoder.container(keyedBy: Keys.self)
        try owner.encode(to: root.superEncoder())
        try note.encode(to: root.superEncoder(forKey: .note))
        var totals = root.nestedContainer(keyedBy: TotalKeys.self, forKey: .totals)
        try totals.encode(amountInCents, forKey: .amountInCents)
        try totals.encode(count, forKey: .count)
        var history = root.nestedUnkeyedContainer(forKey: .history)
        var pairContainer = history.nestedUnkeyedContainer()
        for number in pair { try pairContainer.encode(number) }
        var counted = history.nestedContainer(keyedBy: TotalKeys.self)
        try counted.encode(count, forKey: .count)
        try owner.encode(to: history.superEncoder())
        try history.encodeNil()
    }

    init(from decoder: any Decoder) throws {
        let root = try decoder.container(keyedBy: Keys.self)
        owner = try Address(from: root.superDecoder())
        note = try String(from: root.superDecoder(forKey: .note))
        let totals = try root.nestedContainer(keyedBy: TotalKeys.self, forKey: .totals)
        amountInCents = try totals.decode(Int64.self, forKey: .amountInCents)
        count = try totals.decode(UInt16.self, forKey: .count)
        var history = try root.nestedUnkeyedContainer(forKey: .history)
        var pairContainer = try history.nestedUnkeyedContainer()
        pair = []
        while !pairContainer.isAtEnd { pair.append(try pairContainer.decode(Int8.self)) }
        let counted = try history.nestedContainer(keyedBy: TotalKeys.self)
        guard try counted.decode(UInt16.self, forKey: .count) == count, history.count == 4 else {
            throw DecodingError.dataCorruptedError(in: history, debugDescription: "history does not match the totals")
        }
        guard try Address(from: history.superDecoder()) == owner, try history.decodeNil(), history.isAtEnd else {
            throw DecodingError.dataCorruptedError(in: history, debugDescription: "history does not end with the owner")
        }
    }
}

/// Encodes nothing at all: Foundation refuses it at the top and writes `{}` below.
struct Silent: Encodable {
    func encode(to encoder: any Encoder) throws {}
}

struct Holder: Encodable {
    var silent = Silent()
    var silents = [Silent()]
}

struct Age: Codable, Equatable {
    var age: UInt8
}

struct Measure: Codable, Equatable {
    var value: Double
}
