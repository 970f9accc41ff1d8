import Testing

@testable import SitBreakJSON

/// Every pair as Foundation's JSONEncoder and JSONDecoder spelled it on this machine.
@Suite struct KeySpellingTests {
    @Test(arguments: [
        ("sittingSeconds", "sitting_seconds"), ("myURLProperty", "my_url_property"), ("bootID", "boot_id"),
        ("aB", "a_b"), ("a", "a"), ("simple", "simple"), ("ABC", "a_bc"), ("aBC1d", "a_bc_1d"),
        ("already_snake", "already_snake"), ("x2Y", "x2_y"), ("_leading", "_leading"), ("aaBBcc", "aa_b_bcc"),
        ("ÉtéÀb", "été_àb"), ("a1B2", "a1_b2"), ("URL", "u_rl"), ("aURL", "a_url"), ("", ""),
        ("AbcDef", "abc_def"), ("a_B", "a__b"), ("a-bC", "a-b_c"),
    ])
    func camelCaseIsWrittenInSnakeCase(camel: String, snake: String) {
        #expect(KeySpelling.snakeCase(fromCamelCase: camel) == snake)
    }

    @Test(arguments: [
        ("sitting_seconds", "sittingSeconds"), ("boot_id", "bootId"), ("my_url_property", "myUrlProperty"),
        ("a__b", "aB"), ("_a_b_", "_aB_"), ("__", "__"), ("a", "a"), ("aB", "aB"), ("a_b_c", "aBC"),
        ("ABC_DEF", "abcDef"), ("a_1b", "a1B"), ("snake_éa", "snakeÉa"), ("a_bC", "aBc"), ("_", "_"), ("x_", "x_"),
        ("a__", "a__"), ("__a_b", "__aB"), ("", ""),
    ])
    func snakeCaseIsReadAsCamelCase(snake: String, camel: String) {
        #expect(KeySpelling.camelCase(fromSnakeCase: snake) == camel)
    }
}
