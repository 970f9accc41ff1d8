import Testing

@testable import SitBreakModel

@Suite struct NearestNameTests {
    @Test func suggestsALikelyTypo() {
        let keys = ["sit_limit", "length", "snooze", "repeat"]
        #expect(nearestName(to: "sitlimit", among: keys) == "sit_limit")
        #expect(nearestName(to: "lenght", among: keys) == "length")
        #expect(nearestName(to: "Snooze", among: keys) == "snooze")
        #expect(nearestName(to: "brake", among: ["break", "coach"]) == "break")
    }

    @Test func suggestsNothingFarOff() {
        #expect(nearestName(to: "xorg", among: ["x11", "tty", "auto"]) == nil)
        #expect(nearestName(to: "colour", among: ["place", "equipment", "avoid", "injured"]) == nil)
        #expect(nearestName(to: "", among: ["via"]) == nil)
    }
}
