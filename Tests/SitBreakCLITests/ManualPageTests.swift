import Foundation
@testable import SitBreakCLI
import Testing

struct ManualPageTests {
    @Test func thePageHasTheSectionsOfAManPage() throws {
        let page = try shown("--generate-manual")
        let sections = page.split(separator: "\n").filter { $0.hasPrefix(".SH ") }
        #expect(sections == [".SH NAME", ".SH SYNOPSIS", ".SH DESCRIPTION", ".SH OPTIONS", ".SH SUBCOMMANDS", ".SH SEE ALSO"])
        #expect(page.contains(".TH TOOL 1 \"\" \"tool 1.2.3\""))
        #expect(page.contains("tool \\- Control toold, the example daemon."))
        #expect(page.contains(".BR toold (1)"))
    }

    @Test func everySubcommandHasAnEntryWithItsPathAndSynopsis() throws {
        let page = try shown("--generate-manual")
        for heading in ["status (default)", "snooze", "items", "items list (default)", "items show"] {
            #expect(page.contains(".SS \"\(heading)\""), "\(heading)")
        }
        #expect(page.contains("""
            .SS "items show"
            .PP
            .B tool items show
            [\\fB\\-\\-verbose\\fR] \\fIid\\fR
            """))
        #expect(page.contains(".TP\n\\fB\\-\\-format\\fR \\fIformat\\fR\nOne of: bar, prompt."))
    }

    @Test func theProgramsOwnSectionsComeBeforeSeeAlso() {
        var program = fixture
        program.manualSections = [
            ManualSection("EXIT STATUS", [.init("0", "Done."), .init(nil, "Anything else is a failure.")]),
            ManualSection("FILES", [.init("~/.config/tool.toml", "The settings.")]),
        ]
        let page = ManualPage.render(program)
        let sections = page.split(separator: "\n").filter { $0.hasPrefix(".SH ") }
        #expect(sections.suffix(3) == [".SH EXIT STATUS", ".SH FILES", ".SH SEE ALSO"])
        #expect(page.contains(".SH EXIT STATUS\n.TP\n\\fB0\\fR\nDone.\n.PP\nAnything else is a failure.\n"))
        #expect(page.contains(".SH FILES\n.TP\n\\fB~/.config/tool.toml\\fR\nThe settings.\n"))
    }

    @Test func textIsEscapedForRoff() {
        #expect(ManualPage.escape("a\\b") == "a\\eb")
        #expect(ManualPage.escape(".starts with a dot") == "\\&.starts with a dot")
        #expect(ManualPage.escape("'quoted") == "\\&'quoted")
        #expect(ManualPage.escape("--json") == "\\-\\-json")
        #expect(ManualPage.escape("10–15 min") == "10\\[u2013]15 min")
    }

    @Test(.enabled(if: ShellRun.installed("man"), "man-db is not installed"))
    func manRendersThePageWithoutWarnings() throws {
        let page = try shown("--generate-manual")
        let rendered = try ShellRun.run("man", ["--warnings", "-l", "-"], input: page, environment: ["MANWIDTH": "80"])
        #expect(rendered.status == 0)
        #expect(rendered.errors == "", "\(rendered.errors)")
        #expect(rendered.output.contains("SUBCOMMANDS"))
    }
}
