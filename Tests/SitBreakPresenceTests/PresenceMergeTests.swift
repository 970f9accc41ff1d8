import SitBreakModel
import Testing

@testable import SitBreakPresence

/// Several activity sources as one stream: any input is presence, idle needs every input
/// source idle, a lock hides input until it ends, a lock request ends with input.
struct PresenceMergeTests {
    private func merge(inputs: Set<ActivitySourceKind>) -> PresenceMerge {
        var merge = PresenceMerge()
        merge.setInputs(inputs)
        return merge
    }

    @Test func inputFromAnyInputSourceCounts() {
        var merge = merge(inputs: [.x11, .tty])
        #expect(merge.take(.input(at: 5), from: .input(.tty)) == [.input(at: 5)])
        #expect(merge.take(.input(at: 6), from: .input(.x11)) == [.input(at: 6)])
    }

    @Test func idleOnlyWhenEveryInputSourceIsIdleSinceTheLatest() {
        var merge = merge(inputs: [.x11, .tty])
        #expect(merge.take(.idle(since: 10), from: .input(.x11)).isEmpty)
        #expect(merge.take(.idle(since: 14), from: .input(.tty)) == [.idle(since: 14)])
        #expect(merge.take(.input(at: 20), from: .input(.tty)) == [.input(at: 20)])
        #expect(merge.take(.idle(since: 20), from: .input(.x11)).isEmpty)
    }

    @Test func sourcesNotInUseAreIgnored() {
        var merge = merge(inputs: [.gnome])
        #expect(merge.take(.input(at: 3), from: .input(.logind)).isEmpty)
        #expect(merge.take(.idle(since: 3), from: .input(.x11)).isEmpty)
        #expect(merge.take(.idle(since: 3), from: .input(.gnome)) == [.idle(since: 3)])
    }

    @Test func aLockHidesInputAndIdleUntilTheLastLockerUnlocks() {
        var merge = merge(inputs: [.x11])
        #expect(merge.take(.locked(since: 10), from: .lock("org.freedesktop.login1")) == [.locked(since: 10)])
        #expect(merge.take(.locked(since: 11), from: .lock("org.gnome.ScreenSaver")).isEmpty)
        #expect(merge.take(.input(at: 12), from: .input(.x11)).isEmpty)
        #expect(merge.take(.idle(since: 12), from: .input(.x11)).isEmpty)
        #expect(merge.take(.unlocked(at: 20), from: .lock("org.freedesktop.login1")).isEmpty)
        #expect(merge.take(.unlocked(at: 21), from: .lock("org.gnome.ScreenSaver")) == [.unlocked(at: 21)])
        #expect(merge.take(.input(at: 22), from: .input(.x11)) == [.input(at: 22)])
    }

    @Test func anUnlockFromWhoeverNeverLockedSaysNothing() {
        var merge = merge(inputs: [.x11])
        #expect(merge.take(.unlocked(at: 5), from: .lock("org.gnome.ScreenSaver")).isEmpty)
    }

    @Test func aLockRequestEndsWithInputButALockDoesNot() {
        var merge = merge(inputs: [.x11])
        #expect(merge.take(.locked(since: 10), from: .lockRequest("org.freedesktop.login1")) == [.locked(since: 10)])
        #expect(merge.take(.input(at: 15), from: .input(.x11)) == [.input(at: 15)])
        #expect(!merge.isLocked)

        #expect(merge.take(.locked(since: 20), from: .lockRequest("org.freedesktop.login1")) == [.locked(since: 20)])
        #expect(merge.take(.locked(since: 21), from: .lock("org.freedesktop.login1")).isEmpty)
        #expect(merge.take(.input(at: 22), from: .input(.x11)).isEmpty)
        #expect(merge.isLocked)
    }

    @Test func aLockerThatLeftNoLongerHidesInputAndIsNoUnlock() {
        var merge = merge(inputs: [.x11])
        _ = merge.take(.locked(since: 10), from: .lock("org.freedesktop.ScreenSaver"))
        merge.forget(.lock("org.freedesktop.ScreenSaver"))
        #expect(!merge.isLocked)
        #expect(merge.take(.input(at: 12), from: .input(.x11)) == [.input(at: 12)])
    }

    @Test func changingTheInputsForgetsWhatTheOthersSaid() {
        var merge = merge(inputs: [.x11, .tty])
        _ = merge.take(.idle(since: 10), from: .input(.x11))
        merge.setInputs([.tty])
        merge.setInputs([.x11, .tty])
        #expect(merge.take(.idle(since: 12), from: .input(.tty)).isEmpty)
    }

    @Test func sleepAndTimerStepsPassThrough() {
        var merge = merge(inputs: [.x11])
        _ = merge.take(.locked(since: 1), from: .lock("org.freedesktop.login1"))
        #expect(merge.take(.slept(from: 2, until: 9), from: .lock("org.freedesktop.login1")) == [.slept(from: 2, until: 9)])
        #expect(merge.take(.timer, from: .lock("org.freedesktop.login1")) == [.timer])
    }
}
