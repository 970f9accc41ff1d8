import Foundation
import SitBreakJSON
import Testing

/// Each command's real `--json` output against its schema in docs/json/: what the docs say
/// the fields are is what the programs print.
@Suite struct JSONSchemaTests {
    static func schema(_ name: String) throws -> JSONValue {
        let docs = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/json")
        return try JSONParser.parse(String(contentsOf: docs.appendingPathComponent("\(name).schema.json"), encoding: .utf8))
    }

    static func check(_ outcome: DaemonHarness.Outcome, against name: String) throws {
        #expect(outcome.status == 0, "\(outcome.errors)")
        let problems = JSONSchemaCheck.problems(of: try JSONParser.parse(outcome.output), against: try schema(name))
        #expect(problems.isEmpty, "\(problems.joined(separator: "\n"))")
    }

    @Test func theCheckerFindsWhatDoesNotMatch() throws {
        let schema = try JSONParser.parse("""
            {"type": "object", "required": ["n", "s"], "additionalProperties": false,
             "properties": {"n": {"type": "integer", "minimum": 0}, "s": {"enum": ["a", null]}}}
            """)
        #expect(JSONSchemaCheck.problems(of: try JSONParser.parse(#"{"n": 1, "s": null}"#), against: schema).isEmpty)
        #expect(JSONSchemaCheck.problems(of: try JSONParser.parse(#"{"n": 1.5, "s": "b", "x": 1}"#), against: schema) == [
            "$.n: 1.5 is not of type integer", #"$.s: "b" is not one of ["a",null]"#, #"$: "x" is not documented"#,
        ])
        #expect(JSONSchemaCheck.problems(of: try JSONParser.parse(#"{"n": -1}"#), against: schema) == [
            #"$: "s" is missing"#, "$.n: -1 is less than 0",
        ])
    }

    @Test func configMatchesItsSchema() throws {
        let harness = try DaemonHarness(config: "[notify]\nsound = \"bell\"\n")
        let site = harness.home.appendingPathComponent("site/sitbreak")
        try FileManager.default.createDirectory(at: site, withIntermediateDirectories: true)
        try "[break]\nsit_limit = \"4s\"\nlength = \"2s\"\n".write(
            to: site.appendingPathComponent("config.toml"), atomically: true, encoding: .utf8)
        let outcome = harness.ctl("config", "--json")
        try Self.check(outcome, against: "config")
        let settings = try JSONParser.parse(outcome.output)
        // The three layers all show: the site's sit limit, the user's sound, a built-in default.
        for (key, source) in [("break.sit_limit", "site"), ("notify.sound", "user"), ("break.snooze", "built-in")] {
            #expect(Self.source(of: key, in: settings) == source, "\(key)")
        }
    }

    @Test func exercisesMatchTheirSchema() throws {
        let harness = try DaemonHarness(config: "")
        try Self.check(harness.ctl("exercises", "--json"), against: "exercises")
    }

    @Test func statusMatchesItsSchema() throws {
        let harness = try DaemonHarness(config: quickConfig)
        try harness.start()
        try Self.check(harness.ctl("status", "--json"), against: "status")
    }

    static func source(of key: String, in settings: JSONValue) -> String? {
        guard case .object(let top) = settings, case .array(let entries)? = top.first(where: { $0.key == "settings" })?.value
        else { return nil }
        for case .object(let members) in entries where members.contains(JSONMember("key", .string(key))) {
            if case .string(let source)? = members.first(where: { $0.key == "source" })?.value { return source }
        }
        return nil
    }
}
