
/// What the control server knows of a client when it must choose one to let go.
struct ClientStanding: Equatable {
    var id: ClientID
    /// A `watch` subscriber is silent by design.
    var isSubscriber: Bool
    /// Lines wait to be served or replies to be taken: the client is being answered.
    var isBeingServed: Bool
    /// When the client last sent or took a byte, as a position in the server's sequence of
    /// such moments (connecting counts): smaller is longer ago.
    var lastHeard: UInt64
}

/// Which client goes when a new one arrives and every place is taken: stalled or finished
/// clients must never lock the user out of their own daemon.
enum ClientEviction {
    /// The client silent longest, taking subscribers only when there is nobody else and
    /// clients being answered only after those that are not.
    static func victim(among clients: some Sequence<ClientStanding>) -> ClientID? {
        clients.min { rank($0) < rank($1) }?.id
    }

    private static func rank(_ client: ClientStanding) -> (Int, Int, UInt64) {
        (client.isSubscriber ? 1 : 0, client.isBeingServed ? 1 : 0, client.lastHeard)
    }
}
