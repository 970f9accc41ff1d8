/// The keys the encoder and decoder put into coding paths themselves: array positions,
/// spelled "Index 3" as Foundation spells them (error messages quote coding paths), the
/// "super" of `superEncoder()`, and the keys of `[String: Value]` dictionaries.
struct JSONKey: CodingKey {
    let stringValue: String
    let intValue: Int?

    init(stringValue: String) {
        self.stringValue = stringValue
        intValue = nil
    }

    init(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }

    init(index: Int) {
        stringValue = "Index \(index)"
        intValue = index
    }

    static let `super` = JSONKey(stringValue: "super")
}
