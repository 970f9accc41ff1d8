import Foundation
import SitBreakFuzzChecks
import Testing

/// Every input of every fuzz corpus, the kept `crash-*` and `timeout-*` ones included, fed to
/// the same check its libFuzzer target runs, on every `make check`: a fixed crash that comes
/// back fails here even when no fuzzer runs.
struct FuzzCorpusReplayTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("corpus")

    /// (target, file) for each corpus file.
    static let inputs: [(String, String)] = {
        let targets = (try? FileManager.default.contentsOfDirectory(atPath: corpus.path)) ?? []
        return targets.sorted().flatMap { target in
            ((try? FileManager.default.contentsOfDirectory(atPath: corpus.appendingPathComponent(target).path)) ?? [])
                .sorted().map { (target, $0) }
        }
    }()

    @Test func everyCorpusHasATargetAndInputs() {
        let targets = Set(Self.inputs.map(\.0))
        #expect(targets == Set(FuzzChecks.all.keys), "corpus directories \(targets.sorted())")
        #expect(Self.inputs.count > 50, "\(Self.inputs.count) inputs")
    }

    /// Each input within a second (libFuzzer's own bound in `run.sh` is 10 s; these are small).
    @Test(arguments: inputs)
    func theInputPassesItsTargetsCheck(target: String, file: String) throws {
        let check = try #require(FuzzChecks.all[target], "no target \(target)")
        let bytes = Array(try Data(contentsOf: Self.corpus.appendingPathComponent(target).appendingPathComponent(file)))
        let started = ContinuousClock.now
        let violation = check(bytes)
        let took = ContinuousClock.now - started
        #expect(violation == nil, "\(target)/\(file): \(violation ?? "")")
        #expect(took < .seconds(1), "\(target)/\(file) took \(took)")
    }
}
