import Glibc
import Logging
import SitBreakCoach
import SitBreakConfig
import SitBreakControlSocket
import SitBreakDesktop
import SitBreakEventLoop
import SitBreakFiles
import SitBreakModel
import SitBreakPresence
import SitBreakPresentation
import SitBreakProtocol
import SitBreakSystemd
import SitBreakTray

/// The imperative shell around `SittingModel`: it reads the clocks, feeds the model every
/// event, performs the effects it returns, saves the state and sleeps until the next
/// deadline. Everything runs on the one sd-event loop thread.
final class Daemon {
    struct Options {
        var configPath: String
        var environment: [String: String]
        /// A config that was there at start and is gone at a reload is a mistake, not a wish for defaults.
        var startedWithConfigFile: Bool
        /// Why the config file at start could not be used (the daemon runs on a fallback).
        var configProblem: String?
    }

    let loop: EventLoop
    let logger: Logger
    let options: Options
    private let paths: XDGPaths
    /// Held for the daemon's life: one sitbreakd per state directory.
    private let instanceLock: InstanceLock
    private let stateFile: StateFile
    /// The state file at start could not be used; today was rebuilt from the history.
    private var stateProblem: String?
    private let bootID = ClockReading.bootID()
    private let terminals = TerminalSessions()

    private(set) var settings: Settings
    private var state: SittingState
    private var server: ControlServer?
    private var service: ServiceNotifier
    private var wakeTimer: TimerHandle?
    private var signalHandles: [SignalHandle] = []
    private var sleepDetector = SleepDetector()
    private var activity: ActivitySources?
    /// The one session-bus connection: notifications, GNOME's idle monitor, locks, sessions.
    private let sessionBus: SessionBusLink
    let desktop: DesktopSessionWatch
    /// Calls, videos, shared screens and fullscreen windows.
    private let engagement: EngagementWatch
    let delivery: ReminderDelivery
    /// The icon in the panel and sitbreak's own interface on the session bus.
    let tray: TrayItem
    let api: SessionBusAPI
    let launcher: DesktopLauncher
    private let coach: CoachSession
    private let history: HistoryKeeper
    /// When the state was last written: a restart measures the time nobody watched from here.
    private var lastSaved: Moment?
    private var saveProblem: String?
    private let lastGoodConfig: LastGoodConfig
    /// The config file is broken and a fallback runs, until a reload reads a fixed one.
    private var configProblem: String?
    /// Events that arrived while a step was being carried out (a source that answers at once):
    /// stepped right after it, never inside it.
    private var queued: [SittingEvent] = []
    private var stepping = false

    init(options: Options, settings: Settings, paths: XDGPaths, logger: Logger) throws(DaemonError) {
        // Before any file is touched: a second daemon must leave no trace.
        do throws(ControlSocketError) { try paths.checkRuntimeDirectoryIsPrivate() } catch { throw .setup(error.description) }
        do { instanceLock = try InstanceLock.take(paths.stateDirectory) } catch { throw .setup(error.description) }
        self.options = options
        service = ServiceNotifier(environment: options.environment)
        self.settings = settings
        self.paths = paths
        self.logger = logger
        stateFile = StateFile(path: paths.stateDirectory + "/state.json")
        lastGoodConfig = LastGoodConfig(stateDirectory: paths.stateDirectory)
        configProblem = options.configProblem
        do { loop = try EventLoop() } catch { throw .setup("cannot create the event loop: \(error)") }
        sessionBus = SessionBusLink(loop: loop)
        let desktop = DesktopSessionWatch(
            session: sessionBus, loop: loop, started: DesktopEnvironment(options.environment), logger: logger)
        self.desktop = desktop
        engagement = EngagementWatch(
            session: sessionBus, loop: loop, calls: CallDevices(root: options.environment["SITBREAK_PROC_ROOT"] ?? ""),
            logger: logger)
        engagement.desktopChanged(desktop.current)
        delivery = ReminderDelivery(
            terminals: terminals, settings: settings.notify, snooze: settings.breaks.snooze, session: sessionBus,
            desktopQuiet: DoNotDisturbWatch(
                session: sessionBus, loop: loop, dconfPath: paths.configHome + "/dconf/user", logger: logger),
            loop: loop, logger: logger)
        tray = TrayItem(session: sessionBus, loop: loop, settings: settings.tray, logger: logger)
        api = SessionBusAPI(session: sessionBus, logger: logger)
        launcher = DesktopLauncher(environment: options.environment)
        coach = CoachSession(configDirectory: paths.configDirectory, stateDirectory: paths.stateDirectory, logger: logger)
        history = HistoryKeeper(
            path: paths.stateDirectory + "/history.sqlite3", bootID: bootID, loop: loop, logger: logger)
        let now = ClockReading.now()
        _ = sleepDetector.observe(now)
        history.started(version: sitbreakVersion, at: now.moment())
        let restored: SittingState
        var unobserved: SittingEvent?
        switch Self.restoreState(from: stateFile, at: now.moment(), bootID: bootID) {
        case .none:
            restored = SittingState.fresh(at: now.moment())
        case .restored(let state, let gap):
            (restored, unobserved) = (state, gap)
        case .unusable(let why):
            (restored, stateProblem) = Self.rebuildState(
                from: history, at: now.moment(), keepingAside: stateFile, because: why)
        }
        state = restored
        if configProblem == nil, options.startedWithConfigFile { lastGoodConfig.remember(options.configPath, logger: logger) }
        startSources()
        desktop.onHandover = { [unowned self] changed, _ in desktopHandedOver(changed) }
        engagement.onChange = { [unowned self] signals in perform(.engaged(signals)) }
        if let unobserved { perform(unobserved, at: now.moment()) }
        history.onSavingChanged = { [unowned self] stopped in historySavingChanged(stopped: stopped) }
    }

    /// Takes the socket, announces readiness and runs until SIGTERM/SIGINT.
    func run() throws(DaemonError) -> Int32 {
        do {
            let target = try ListenTarget.systemdSocket(orPath: paths.controlSocket)
            let server = try ControlServer(loop: loop, listening: target)
            for notice in server.notices { logger.notice("\(notice)") }
            server.onLine = { [unowned self] client, line in handleRequest(line, from: client) }
            server.onOversizedLine = { [unowned self] client in
                self.server?.send(ControlCodec.encodeLine(ControlReply.failure("request line over 64 KiB")), to: client)
            }
            server.onRefused = { [unowned self] refusal in logger.warning("control socket: \(refusal)") }
            server.refusalLine = { peer in
                ControlCodec.encodeLine(ControlReply.failure(ControlRefusal.foreignUser(peer.uid, owner: getuid())))
            }
            server.onClosed = { [unowned self] client, reason in
                // An eviction is worth a line: a stalled client lost its place to a new one.
                let level: Logger.Level = reason == .evicted ? .info : .debug
                logger.log(level: level, "control socket: closed \(client): \(reason)")
            }
            self.server = server
        } catch {
            throw .setup("control socket: \(error)")
        }
        do throws(SyscallError) {
            for signal in [SIGTERM, SIGINT] {
                signalHandles.append(try loop.onSignal(signal) { [unowned self] in shutDown() })
            }
            signalHandles.append(try loop.onSignal(SIGHUP) { [unowned self] in _ = reloadConfig() })
            try loop.enableWatchdog()
        } catch {
            throw .setup("event loop: \(error)")
        }
        delivery.onAction = { [unowned self] action in perform(.command(action.userCommand)) }
        delivery.onChannelsChanged = { [unowned self] in noticeProblems() }
        delivery.watchers = { [unowned self] in server?.subscriberCount ?? 0 }
        delivery.desktopReady = { [unowned self] in desktopReachable }
        delivery.desktopChanged()
        tray.onAction = { [unowned self] action in trayAction(action) }
        tray.currentView = { [unowned self] in
            let now = ClockReading.now().moment()
            return trayView(report(at: now), at: now)
        }
        api.perform = { [unowned self] command in perform(.command(command)) }
        api.currentStatus = { [unowned self] in report(at: ClockReading.now().moment()) }
        // What the machine shows now; a reminder held before a restart is released if nothing holds it.
        perform(.engaged(engagement.current))
        perform(.timer)
        try? service.ready()
        // Housekeeping starts once the loop runs, after READY: start-up never waits on it.
        history.housekeep(today: ClockReading.now().moment().localDay, keep: settings.history.keep)
        log(.started, "sitbreakd started (sources: \(sourceNames.joined(separator: ", ")))",
            [.version: sitbreakVersion, .source: sourceNames.joined(separator: ",")])
        noticeProblems()
        do { return try loop.run() } catch { throw .setup("event loop: \(error)") }
    }

    // MARK: Stepping the model

    /// Steps the model with `event` at the current time, noticing a suspend first. Returns
    /// why the model refused it (a command that does not apply now), if it did.
    @discardableResult
    func perform(_ event: SittingEvent) -> [String] {
        let reading = ClockReading.now()
        if let suspension = sleepDetector.observe(reading) {
            perform(.slept(from: suspension.asleepAt, until: suspension.awakeAt), at: reading.moment())
        }
        return perform(event, at: reading.moment())
    }

    @discardableResult
    private func perform(_ event: SittingEvent, at now: Moment) -> [String] {
        if stepping {
            queued.append(event)
            return []
        }
        // Before a decision, what only `/proc` tells (a call): its change is stepped first.
        if SittingModel.decides(state, event, at: now, settings: settings), let changed = engagement.refreshCalls() {
            perform(.engaged(changed), at: now)
        }
        stepping = true
        defer { stepping = false }
        queued = [event]
        // Polling sources look before a timer step, so input just before a deadline counts.
        if event == .timer, let activity {
            queued.insert(contentsOf: activity.look(at: now, within: timerSlack), at: 0)
        }
        let before = state
        var refusals: [String] = []
        while !queued.isEmpty {
            let next = queued.removeFirst()
            let (stepped, effects) = SittingModel.step(state, next, at: now, settings: settings)
            state = stepped
            for effect in effects {
                if case .refuse(let why) = effect { refusals.append(why) }
                carryOut(effect, at: now)
            }
        }
        if state != before {
            save(at: now, durability: .synced)
        } else if heartbeatDue(at: now) {
            save(at: now, durability: .survivesProcessCrash)
        }
        scheduleWake(after: now)
        updateServiceStatus(at: now)
        publish(at: now)
        return refusals
    }

    /// Timers may fire up to this late (coalescing), and a look this early is as good. Half a
    /// second keeps a reminder within a second of its due time, handling included.
    private var timerSlack: Seconds { min(0.5, settings.breaks.length / 10) }

    private func carryOut(_ effect: Effect, at now: Moment) {
        switch effect {
        case .remind(let reminder):
            var text = ReminderText(reminder, offer: coach.offer(for: reminder, settings: settings, day: now.localDay))
            if let offer = coach.routineOffer(
                settings: settings, day: now.localDay, breaksToday: state.today.breaks,
                localHour: Int(now.secondsIntoDay / 3_600))
            {
                text.body += " " + offer
            }
            delivery.remind(text, reminder: reminder)
            api.reminded(summary: text.summary, body: text.body, move: coach.current?.main.id)
            broadcast(event: JournalEvent.reminder.rawValue, message: "\(text.summary). \(text.body)", at: now)
        case .withdrawReminder:
            delivery.withdraw()
        case .checkQuiet:
            guard let activity else {
                perform(.quiet(.noInputSource), at: now)
                return
            }
            activity.readQuiet(at: now) { [unowned self] reading in perform(.quiet(reading)) }
        case .record(let model):
            let happening = model.naming(inputSources: activity?.inputNames ?? "")
            coach.noticed(happening, on: now.localDay)
            // On disk before anyone is told: the journal, `watch` clients, the CLI's reply.
            history.record(happening, at: now)
            if case .dayEnded = happening { history.housekeep(today: now.localDay, keep: settings.history.keep) }
            let report = HappeningReport(happening, rules: settings.breaks)
            if let kind = report.journalEvent {
                log(kind, report.message, report.fields)
            } else {
                logger.info("\(report.message)", metadata: ["SITBREAK_EVENT": "\(report.event)"])
            }
            if case .reminded = happening { return }  // already broadcast with its text
            broadcast(event: report.event, message: report.message, at: now)
        case .refuse:
            break  // `perform` returns refusals to whoever asked; nothing to carry out
        }
    }

    private func scheduleWake(after now: Moment) {
        var deadlines = [SittingModel.nextDeadline(state, at: now, settings: settings)]
        deadlines.append(activity?.nextLook)
        if state.stretch.countingSince != nil, let saved = lastSaved { deadlines.append(saved.boot + heartbeatInterval) }
        guard let next = deadlines.compactMap({ $0 }).min() else {
            wakeTimer?.cancel()
            return
        }
        let at = max(next, now.boot)
        if let wakeTimer {
            wakeTimer.reschedule(at: at)
        } else {
            wakeTimer = try? loop.addTimer(clock: .boottime, at: at, accuracy: timerSlack) { [unowned self] in
                perform(.timer)
            }
        }
    }

    // MARK: State file

    /// Short enough that a restart after `kill -9` sees less than a break's worth of gap.
    private var heartbeatInterval: Seconds { max(1, min(300, settings.breaks.length / 2)) }

    private func heartbeatDue(at now: Moment) -> Bool {
        guard state.stretch.countingSince != nil, let saved = lastSaved else { return lastSaved == nil }
        return now.boot - saved.boot >= heartbeatInterval - timerSlack
    }

    /// A heartbeat only moves `savedAt` on: it has to survive `kill -9`, which the page cache
    /// does, not a power loss, and syncing it would wake the idle daemon several times a minute.
    @discardableResult
    private func save(at now: Moment, durability: StateFile.Durability = .synced) -> Bool {
        let line = ControlCodec.encodeLine(SavedState(bootID: bootID, savedAt: now, state: state))
        do {
            try stateFile.save(Array(line.utf8), durability: durability)
            lastSaved = now
            if saveProblem != nil { logger.notice("state saved again to \(stateFile.path)") }
            saveProblem = nil
            return true
        } catch {
            if saveProblem == nil { logger.error("cannot save state: \(error); counting goes on in memory") }
            saveProblem = "cannot save state: \(error)"
            lastSaved = now  // retried at the next heartbeat, not in a tight loop
            return false
        }
    }

    private static func restoreState(from file: StateFile, at now: Moment, bootID: String?) -> SavedStateReading {
        do {
            return SavedStateReading(bytes: try file.load(), at: now, bootID: bootID)
        } catch {
            return .unusable(error.problem)
        }
    }

    /// The state file cannot be used: it is kept aside, whole, and today's totals come from
    /// the history, so `status` and `stats` agree; the current sit starts now.
    private static func rebuildState(
        from history: HistoryKeeper, at now: Moment, keepingAside file: StateFile, because why: String
    ) -> (SittingState, problem: String) {
        var state = SittingState.fresh(at: now)
        let rebuilt = history.totals(of: now.localDay, startsAtBoot: state.today.startsAtBoot)
        if let rebuilt { state.today = rebuilt }
        let today = rebuilt == nil ? "today starts from zero (the history could not be read)" : "today was rebuilt from the history"
        let problem: String
        do {
            let kept = try KeptAside.move(file.path, label: "unreadable")
            problem = "\(file.path): \(why); kept it as \(kept), \(today)"
        } catch {
            problem = "\(file.path): \(why); \(today), and it could not be kept aside (\(error.problem))"
        }
        return (state, problem)
    }

    // MARK: Sources and config

    private var sourceNames: [String] { activity?.inUse.map(\.rawValue) ?? [] }

    private func startSources() {
        let previous = sourceNames
        // The old sources go first: their bus connections and X display close before new ones open.
        activity = nil
        activity = ActivitySourceFactory.make(
            settings: settings, desktop: desktop.current, desktopPresence: { [unowned self] in desktop.presence },
            session: sessionBus, terminals: terminals, loop: loop,
            hooks: ActivityHooks(
                deliver: { [unowned self] in perform($0) },
                sourcesChanged: { [unowned self] in sourcesChanged(from: $0.map(\.rawValue)) },
                beforeSleep: { [unowned self] in prepareForSleep() }))
        if !previous.isEmpty { sourcesChanged(from: previous, step: false) }
    }

    /// A desktop session was handed over (or ended, or said so again): a new environment means
    /// new display servers to read; the same one may have a server back on it, and either
    /// way what `auto` may choose has changed.
    private func desktopHandedOver(_ changed: DesktopEnvironment?) {
        engagement.desktopChanged(desktop.current)
        if changed != nil {
            startSources()
        } else {
            activity?.retryNow(at: ClockReading.now().moment())
        }
        delivery.desktopChanged()
        noticeProblems()
    }

    /// A desktop's input is read, or the desktop's own names are on the bus: its display works.
    private var desktopReachable: Bool {
        !desktop.ownedDesktopNames.isEmpty
            || (activity?.inUse ?? []).contains(where: ActivitySourceChoice.desktopInputSources.contains)
    }

    /// A source left or came back (or the config changed them): the journal and history say so,
    /// and the new sources get their first look.
    private func sourcesChanged(from previous: [String], step: Bool = true) {
        defer {
            noticeProblems()
            delivery.desktopChanged()
        }
        guard previous != sourceNames else { return }
        history.sourceChanged(
            to: sourceNames.joined(separator: ","), from: previous.joined(separator: ","), at: ClockReading.now().moment())
        log(.sourceChanged, "activity source: \(sourceNames.joined(separator: ", "))",
            [.source: sourceNames.joined(separator: ","), .previousSource: previous.joined(separator: ",")])
        if step { perform(.timer) }
    }

    /// The machine is about to sleep: a reading now, so the suspend is measured from here, and
    /// the state on disk in case it never wakes.
    private func prepareForSleep() {
        perform(.timer)
        save(at: ClockReading.now().moment())
    }

    /// Re-reads the config and the user's exercise file; if either is bad, both running ones
    /// stay and the error is returned (and logged).
    func reloadConfig() -> String? {
        try? service.reloading()
        defer { try? service.ready() }
        do {
            let site = try ConfigLoader.siteSettings(sitePaths: ConfigLoader.sitePaths(environment: options.environment))
            let fresh = try options.startedWithConfigFile
                ? ConfigLoader.load(path: options.configPath, over: site)
                : ConfigLoader.loadIfPresent(path: options.configPath, over: site)
            try coach.reload()
            desktop.reread(because: "reload")
            let sourcesChanged = fresh.activity != settings.activity || fresh.breaks.length != settings.breaks.length
            settings = fresh
            delivery.update(settings: fresh.notify, snooze: fresh.breaks.snooze)
            tray.apply(fresh.tray)
            if sourcesChanged { startSources() }
            log(.configReloaded, "config reloaded from \(options.configPath)", [.configPath: options.configPath])
            configProblem = nil
            noticeProblems()
            lastGoodConfig.remember(options.configPath, logger: logger)
            perform(.settingsChanged)
            return nil
        } catch {
            log(.configRejected, "config rejected, keeping the running one: \(error)",
                [.configPath: options.configPath, .configError: "\(error)"])
            return "\(error)"
        }
    }

    private func shutDown() {
        let now = ClockReading.now().moment()
        try? service.stopping()
        let saved = save(at: now)
        history.stopped(at: now)
        var how = saved ? "state saved" : "state NOT saved (\(saveProblem ?? "unknown error"))"
        if history.unsaved > 0 { how += "; \(history.unsavedFate)" }
        log(.stopping, "sitbreakd stopping; \(how)", [:])
        server?.stop()
        loop.exit(code: 0)
    }

    // MARK: Telling people

    private func log(_ kind: JournalEvent, _ message: String, _ fields: [JournalField: String]) {
        var fields = fields
        if fields[.source] == nil { fields[.source] = sourceNames.joined(separator: ",") }
        logger.log(kind, "\(message)", fields: fields)
    }

    private func broadcast(event: String, message: String, at now: Moment) {
        guard let server else { return }
        server.broadcast(ControlCodec.encodeLine(WatchEvent(event: event, message: message, status: report(at: now))))
    }

    func report(at now: Moment) -> StatusReport {
        StatusReport(
            SittingModel.status(state, at: now, settings: settings),
            activitySources: sourceNames,
            reminderChannels: delivery.channels,
            problems: problems,
            suggestion: coach.current.map { StatusReport.Suggestion(id: $0.main.id, line: $0.line, moves: $0.ids) },
            doNotDisturb: delivery.doNotDisturbReport, reminderHeld: delivery.heldBecause,
            engagementSignals: engagement.visibility, unsavedEvents: history.unsaved, tray: tray.report)
    }

    private var problems: [String] {
        [configProblem, coach.problem, stateProblem, desktop.monitorProblem].compactMap { $0 } + (activity?.problems ?? [])
            + delivery.problems
            + [saveProblem, tray.problem].compactMap { $0 } + history.problems
    }

    /// Problems already in the journal: each is logged when it appears and when it is gone.
    private var loggedProblems: [String] = []

    /// Where sources or reminder channels may have changed: the journal hears of new problems
    /// (`status` and `doctor` read them from the daemon as they stand). The history's, whose
    /// counts change with every event, it logs itself.
    private func noticeProblems() {
        let now = problems.filter { !history.problems.contains($0) }
        for problem in now where !loggedProblems.contains(problem) { logger.warning("problem: \(problem)") }
        for problem in loggedProblems where !now.contains(problem) { logger.notice("resolved: \(problem)") }
        loggedProblems = now
    }

    /// The history stopped being saved, or caught up: a full disk is the user's to fix, so
    /// they hear it where they look, not only in the journal.
    private func historySavingChanged(stopped: Bool) {
        if stopped, let problem = history.problems.first {
            delivery.warn(summary: "sitbreak cannot save its history", body: problem.prefix(1).uppercased() + problem.dropFirst())
        } else {
            delivery.withdrawWarning()
        }
    }

    private func updateServiceStatus(at now: Moment) {
        let status = SittingModel.status(state, at: now, settings: settings)
        try? service.status(ServiceStatusLine.make(status, at: now, sources: sourceNames))
    }

    // MARK: Control requests

    /// Status bars and waves of `sitbreakctl status` send the same line again and again and,
    /// within a second, get the same reply: decoding and encoding JSON is most of what a
    /// request costs, so the last of each is kept.
    private var lastRequest: (line: String, request: ControlRequest)?
    private var lastReply: (reply: ControlReply, line: String)?

    private func handleRequest(_ line: String, from client: ClientID) {
        guard let server else { return }
        let reply: ControlReply
        do {
            reply = answer(try decodeRequest(line), from: client)
        } catch {
            reply = .failure("bad request: \(error)")
        }
        server.send(encodeReply(reply), to: client)
    }

    private func decodeRequest(_ line: String) throws(ControlProtocolError) -> ControlRequest {
        if let last = lastRequest, last.line == line { return last.request }
        let request = try ControlCodec.decode(ControlRequest.self, from: line)
        lastRequest = (line, request)
        return request
    }

    private func encodeReply(_ reply: ControlReply) -> String {
        if let last = lastReply, last.reply == reply { return last.line }
        let line = ControlCodec.encodeLine(reply)
        lastReply = (reply, line)
        return line
    }

    private func answer(_ request: ControlRequest, from client: ClientID) -> ControlReply {
        let command: UserCommand
        switch request.command {
        case .status:
            return .success(report(at: ClockReading.now().moment()))
        case .watch:
            server?.subscribe(client)
            return .success(report(at: ClockReading.now().moment()))
        case .reload:
            if let error = reloadConfig() { return .failure(error) }
            return .success(report(at: ClockReading.now().moment()))
        case .desktop:
            desktop.announce(DesktopEnvironment(request.environment ?? [:]), by: "sitbreakctl desktop")
            return .success(report(at: ClockReading.now().moment()))
        case .routineDone:
            let now = ClockReading.now().moment()
            coach.recordRoutine(moves: request.moves ?? [], on: now.localDay)
            history.routineDone(moves: request.moves ?? [], at: now)
            logger.info("mobility routine done: \((request.moves ?? []).joined(separator: ", "))",
                        metadata: ["SITBREAK_EVENT": "routine_done"])
            return .success(report(at: now))
        case .movesDone:
            let now = ClockReading.now().moment()
            coach.recordDone(moves: request.moves ?? [], ratings: request.ratings ?? [:], on: now.localDay)
            return .success(report(at: now))
        case .coach:
            return .success(report(at: ClockReading.now().moment()), coach: settings.coach)
        case .snooze: command = .snooze(request.seconds)
        case .pause: command = .pause(request.seconds)
        case .resume: command = .resume
        case .break: command = .startBreak
        case .done: command = .done
        case .abandon: command = .abandonBreak
        case .skip: command = .skip
        case .away: command = .away
        case .back: command = .back
        case .stand: command = .stand
        case .sit: command = .sit
        }
        let refusals = perform(.command(command))
        if !refusals.isEmpty { return .failure(refusals.joined(separator: "; ")) }
        return .success(report(at: ClockReading.now().moment()))
    }
}

enum DaemonError: Error, CustomStringConvertible {
    case setup(String)
    var description: String {
        switch self {
        case .setup(let message): message
        }
    }
}
