import Foundation
import SitBreakCoach
import SitBreakModel
import Testing

@Suite("Exercise library")
struct ExerciseLibraryTests {
    @Test("every built-in move is complete: steps, cue, why, where to feel it, positions and a figure")
    func builtInLibraryIsComplete() throws {
        let library = try ExerciseLibrary.load()
        #expect(library.exercises.count >= 20)
        for exercise in library.exercises {
            #expect(!exercise.name.isEmpty, "\(exercise.id)")
            #expect(!exercise.steps.isEmpty, "\(exercise.id)")
            #expect(!exercise.cue.isEmpty, "\(exercise.id)")
            #expect(exercise.why?.isEmpty == false, "\(exercise.id) says why")
            #expect(exercise.feel?.isEmpty == false, "\(exercise.id) says where to feel it")
            #expect(!exercise.positions.isEmpty, "\(exercise.id) says how the body is held")
            #expect(exercise.estimatedDuration > 0, "\(exercise.id)")
            let figure = try RepositoryFiles.text("config/figures/\(exercise.id).svg")
            #expect(figure.hasPrefix("<svg") && figure.contains("</svg>"), "\(exercise.id).svg")
        }
        #expect(Set(library.exercises.map(\.kind)) == Set(ExerciseKind.allCases))
        #expect(Set(library.exercises.map(\.place)) == Set(ExercisePlace.allCases))
        #expect(Set(library.exercises.map(\.equipment)) == Set(Equipment.allCases))
        #expect(Set(library.exercises.flatMap(\.positions)) == Set(ExercisePosition.allCases))
        #expect(library.safetyNotes.count >= 5)
    }

    @Test("every figure in config/figures belongs to a built-in move")
    func noStrayFigures() throws {
        let ids = Set(try ExerciseLibrary.load().exercises.map(\.id))
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryFiles.root.appendingPathComponent("config/figures").path)
        #expect(Set(files) == Set(ids.map { "\($0).svg" }))
    }

    @Test("the moves of issue 6 are there with the doses the articles give")
    func articleDoses() throws {
        let library = try ExerciseLibrary.load()
        let expected = [
            "kneeling-lunge": "3 × 30–60 s per side",
            "pigeon-pose": "2 × 45–60 s per side",
            "psoas-march-band": "3 × 20 (3 s up, 1 s hold, 3 s down)",
            "mountain-climbers": "3 × 60 s",
            "hanging-knee-raise": "3 × 10–15 (2 s up, 2 s hold, 2 s down)",
            "short-walk": "2 min",
        ]
        for (id, dose) in expected {
            #expect(library[id]?.doseText == dose, "\(id)")
        }
        let others = [
            "low-lunge", "reclined-psoas-stretch", "foam-roller-psoas-release", "bridge", "bridge-march",
            "seated-march", "boat-pose", "glute-hamstring-activation", "standing-hip-flexor-stretch",
            "standing-march",
        ]
        for id in others {
            #expect(library[id] != nil, "\(id)")
        }
        #expect(library["reclined-psoas-stretch"]?.equipment == .benchOrBed)
        #expect(library["foam-roller-psoas-release"]?.kind == .release)
    }

    @Test("the hip-flexor stretches warn against leaning back and arching in their steps")
    func commonMistakesAreInTheSteps() throws {
        let library = try ExerciseLibrary.load()
        for id in ["kneeling-lunge", "standing-hip-flexor-stretch", "seated-hip-flexor-stretch", "low-lunge"] {
            let steps = try #require(library[id]).steps.joined(separator: " ").lowercased()
            #expect(steps.contains("arch"), "\(id)")
            #expect(steps.contains("tuck") || steps.contains("tailbone"), "\(id)")
        }
    }

    @Test("a user file overrides a built-in move in place, adds new ones at the end and adds safety notes")
    func userFileAddsAndOverrides() throws {
        let builtIn = try ExerciseLibrary.load()
        let user = ExerciseSource(
            path: "/home/ada/.config/sitbreak/exercises.toml",
            text: """
                [[safety]]
                note = "My knee dislikes kneeling: use a cushion."

                [[safety]]
                note = "Keep the band away from the face."
                applies_to = ["band"]

                [[exercise]]
                id = "bridge"
                name = "Single-leg bridge"
                kind = "strength"
                place = "floor"
                sets = 3
                reps = 8
                per_side = true
                steps = ["Lift the hips with one foot on the floor."]
                cue = "One leg, hips level."

                [[exercise]]
                id = "stair-climb"
                name = "Stair climb"
                kind = "walk"
                place = "standing"
                minutes = 3
                steps = ["Walk up and down two flights."]
                cue = "Take the stairs."
                """)
        let library = try ExerciseLibrary.load(userFile: user)

        #expect(library.exercises.count == builtIn.exercises.count + 1)
        let bridgeIndex = try #require(builtIn.exercises.firstIndex { $0.id == "bridge" })
        #expect(library.exercises[bridgeIndex].name == "Single-leg bridge")
        #expect(library.exercises[bridgeIndex].doseText == "3 × 8 per side")
        #expect(library.exercises.last?.id == "stair-climb")
        #expect(library.exercises.last?.estimatedDuration == 180)
        #expect(library.safetyNotes == builtIn.safetyNotes + [
            SafetyNote("My knee dislikes kneeling: use a cushion."),
            SafetyNote("Keep the band away from the face.", appliesTo: ["band"]),
        ])
        let band = try #require(library["psoas-march-band"])
        #expect(library.safetyNotes(for: band).suffix(2) == ["My knee dislikes kneeling: use a cushion.", "Keep the band away from the face."])
        #expect(!library.safetyNotes(for: try #require(library["short-walk"])).contains("Keep the band away from the face."))
    }

    @Test("a user file from before [[safety]] tables still adds its notes to every move")
    func plainSafetyList() throws {
        let user = ExerciseSource(path: "u.toml", text: #"safety = ["Old knees: kneel on a cushion."]"# + "\n")
        let library = try ExerciseLibrary.load(userFile: user)
        for move in library.exercises {
            #expect(library.safetyNotes(for: move).last == "Old knees: kneel on a cushion.", "\(move.id)")
        }
    }

    @Test("an empty user file changes nothing")
    func emptyUserFile() throws {
        let library = try ExerciseLibrary.load(userFile: ExerciseSource(path: "u.toml", text: "# nothing yet\n"))
        #expect(library == (try ExerciseLibrary.load()))
    }

    @Test("docs/exercises.md lists every built-in move")
    func documentationListsEveryMove() throws {
        let page = try RepositoryFiles.text("docs/exercises.md")
        for exercise in try ExerciseLibrary.load().exercises {
            #expect(page.contains(exercise.name), "\(exercise.name)")
        }
    }
}
