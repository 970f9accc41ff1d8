/// A count with its noun in the number it takes: "1 break", "2 breaks", "0 breaks".
/// Every noun counted here takes a plain "s".
public func counted(_ count: Int, _ noun: String) -> String {
    "\(count) \(noun)\(count == 1 ? "" : "s")"
}
