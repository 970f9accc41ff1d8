import Testing

@testable import SitBreakControlSocket

@Suite struct ClientEvictionTests {
    private func client(
        _ number: UInt64, heard: UInt64, subscriber: Bool = false, served: Bool = false
    ) -> ClientStanding {
        ClientStanding(id: ClientID(number), isSubscriber: subscriber, isBeingServed: served, lastHeard: heard)
    }

    @Test func theClientSilentLongestGoes() {
        let clients = [client(1, heard: 30), client(2, heard: 10), client(3, heard: 20)]
        #expect(ClientEviction.victim(among: clients) == ClientID(2))
    }

    @Test func subscribersGoOnlyWhenEveryoneSubscribed() {
        let mixed = [client(1, heard: 1, subscriber: true), client(2, heard: 50, served: true), client(3, heard: 40)]
        #expect(ClientEviction.victim(among: mixed) == ClientID(3))
        let allSubscribed = [client(1, heard: 20, subscriber: true), client(2, heard: 5, subscriber: true)]
        #expect(ClientEviction.victim(among: allSubscribed) == ClientID(2))
    }

    @Test func clientsBeingAnsweredGoAfterThoseThatAreNot() {
        let clients = [client(1, heard: 1, served: true), client(2, heard: 9), client(3, heard: 2, served: true)]
        #expect(ClientEviction.victim(among: clients) == ClientID(2))
        let allServed = [client(1, heard: 7, served: true), client(2, heard: 3, served: true)]
        #expect(ClientEviction.victim(among: allServed) == ClientID(2))
    }

    @Test func nobodyToEvictAmongNoClients() {
        #expect(ClientEviction.victim(among: []) == nil)
    }
}
