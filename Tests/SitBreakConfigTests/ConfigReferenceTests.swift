import Testing
@testable import SitBreakConfig

/// sitbreak.toml(5) is made from `ConfigReference`: it must name every key the validator
/// knows, each with its meaning, and nothing the validator would refuse.
@Suite struct ConfigReferenceTests {
    @Test func everyKeyTheValidatorKnowsIsDocumentedWithItsMeaning() throws {
        let documented = ConfigReference.keys.map { "\($0.table).\($0.name)" }
        let inEffect = try ConfigLoader.effective(userPath: "/nonexistent/config.toml", sitePaths: []).settings.map(\.key)
        #expect(documented == inEffect)
        for key in ConfigReference.keys {
            #expect(!key.meaning.isEmpty, "\(key.table).\(key.name) has no comment in config.toml")
            // Each default, as documented, is one the validator accepts.
            _ = try ConfigLoader.parse("[\(key.table)]\n\(key.name) = \(key.defaultValue)\n", path: "reference.toml")
        }
    }

    @Test func theReferenceReadsKeysTheirDefaultsAndTheCommentsAboveThem() {
        let (introduction, keys) = ConfigReference.read("""
            # A file.
            #
            # Second paragraph,
            # on two lines.

            [break]
            # The limit.
            sit_limit = "45m"

            # Ignored: no key follows.

            [notify]
            # Where.
            # And how.
            via = "auto"
            """)
        #expect(introduction == ["A file.", "Second paragraph, on two lines."])
        #expect(keys == [
            ConfigReference.Key(table: "break", name: "sit_limit", defaultValue: "\"45m\"", meaning: "The limit."),
            ConfigReference.Key(table: "notify", name: "via", defaultValue: "\"auto\"", meaning: "Where. And how."),
        ])
    }
}
