import SitBreakEventLoop

/// One accepted client and what is buffered for it.
final class ControlConnection {
    let id: ClientID
    let fd: Int32
    let io: IOHandle
    let idleTimer: TimerHandle
    /// Fires on a later loop iteration to serve lines already read from the client.
    let turnTimer: TimerHandle
    var framer: LineFramer
    var events: IOEvents = .readable
    var output: [UInt8] = []
    /// Bytes at the start of `output` already written.
    var sent = 0
    var isSubscriber = false
    /// No more input is taken; the client is closed once `output` is written.
    var isClosing = false
    var closeReason: ControlServer.CloseReason?
    /// `turnTimer` is armed: lines may be buffered, and the socket is not read meanwhile.
    var hasTurnScheduled = false
    /// See `ClientStanding.lastHeard`.
    var lastHeard: UInt64

    init(
        id: ClientID, fd: Int32, io: IOHandle, idleTimer: TimerHandle, turnTimer: TimerHandle,
        framer: LineFramer, lastHeard: UInt64
    ) {
        self.id = id
        self.fd = fd
        self.io = io
        self.idleTimer = idleTimer
        self.turnTimer = turnTimer
        self.framer = framer
        self.lastHeard = lastHeard
    }

    var pendingBytes: Int { output.count - sent }

    var standing: ClientStanding {
        ClientStanding(
            id: id, isSubscriber: isSubscriber, isBeingServed: hasTurnScheduled || pendingBytes > 0,
            lastHeard: lastHeard)
    }

    /// Lets go of written bytes: all of them once drained (returning the memory), or in
    /// 64 KiB steps while a large backlog drains.
    func compactOutput() {
        if sent == output.count {
            output = []
            sent = 0
        } else if sent >= 64 * 1024 {
            output.removeFirst(sent)
            sent = 0
        }
    }
}
