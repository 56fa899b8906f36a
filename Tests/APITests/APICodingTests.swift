@testable import API
import Foundation
import Storage
import Testing

struct APICodingTests {
    @Test(arguments: [("lastSeq", "last_seq"), ("unixTime_s", "unix_time_s"), ("voltage_V", "voltage_V"),
                      ("temperature_degC", "temperature_degC"), ("stepCharge_C", "step_charge_C"), ("seq", "seq"),
                      ("coulombicEfficiency_percent", "coulombic_efficiency_percent"), ("activeMass_g", "active_mass_g"),
                      ("specificCapacity_mAhPerG", "specific_capacity_mAhPerG"), ("ohmicResistance_ohmCm2", "ohmic_resistance_ohmCm2")])
    func keysAreSnakeCaseWithTheirUnitsAndComeBack(swift: String, json: String) {
        #expect(SnakeCaseKeys.encoded(swift) == json)
        #expect(SnakeCaseKeys.decoded(json) == swift)
    }

    static func sample(_ seq: Int64) -> StoredSample {
        StoredSample(channel: "a", seq: seq, job: 1, time: Double(seq), unixTime: 1e9 + Double(seq), voltage: 3.7, current: 1e-3,
                     pressure: nil, temperature: 298.15, step: 1, cycle: 1, stepTime: Double(seq), stepCharge: 0)
    }

    @Test func consecutiveSamplesBecomeOneBatchAndEventsStandAlone() {
        let event = StoredEvent(channel: "a", seq: 3, job: 1, time: 2, unixTime: 1e9, kind: "stepStarted", body: #"{"x": 1}"#)
        let documents = LogDocument.documents(channel: "a", entries: [.sample(Self.sample(1)), .sample(Self.sample(2)), .event(event),
                                                                      .sample(Self.sample(4))])
        #expect(documents.map(\.kind) == ["samples", "stepStarted", "samples"])
        #expect(documents.map(\.seq) == [1, 3, 4])
        #expect(documents.map(\.lastSeq) == [2, 3, 4])
        #expect(documents[0].samples?.temperature_degC == [25, 25])
        #expect(documents[1].body == .object(["x": .number(1)]))
    }

    @Test func aThinnedPageIsItsEventsThenOneBatchThatKeepsItsEndsAndSaysHowManyItLeftOut() throws {
        func event(_ seq: Int64, _ kind: String) -> LogEntry {
            .event(StoredEvent(channel: "a", seq: seq, job: 1, time: Double(seq), unixTime: 1e9, kind: kind, body: "{}"))
        }
        // Samples 1…10 and 12…20, an alarm at 11, and estimates at 21…26.
        var entries: [LogEntry] = (1...10).map { .sample(Self.sample($0)) } + [event(11, "alarm")]
        entries += (12...20).map { .sample(Self.sample($0)) } + (21...26).map { event($0, "estimate") }
        let documents = LogDocument.thinnedDocuments(channel: "a", entries: entries, keepEvery: 4, documentBudget: 100)
        #expect(documents.map(\.kind) == ["alarm", "estimate", "estimate", "samples"])
        #expect(documents.dropLast().map(\.seq) == [11, 22, 26], "the alarm always; the last estimate and every 4th before it")
        let batch = try #require(documents.last?.samples)
        #expect(batch.seq == [1, 5, 9, 14, 18, 20])
        #expect(batch.omitted == 13)
        #expect(documents.last?.lastSeq == 26, "a reconnect goes on after the page")
    }

    @Test func aThinnedPageThinsItsEstimatesToFitTheClientsWindowButKeepsEveryOtherEvent() throws {
        func event(_ seq: Int64, _ kind: String) -> LogEntry {
            .event(StoredEvent(channel: "a", seq: seq, job: 1, time: Double(seq), unixTime: 1e9, kind: kind, body: "{}"))
        }
        // Estimates at 1…40 with samples between, and a step start and an alarm among them.
        var entries: [LogEntry] = []
        for seq in stride(from: Int64(1), through: 80, by: 2) {
            entries += [event(seq, seq == 41 ? "stepStarted" : seq == 61 ? "alarm" : "estimate"), .sample(Self.sample(seq + 1))]
        }
        let documents = LogDocument.thinnedDocuments(channel: "a", entries: entries, keepEvery: 2, documentBudget: 6)
        #expect(documents.count == 6)
        #expect(documents.filter { $0.kind == "stepStarted" || $0.kind == "alarm" }.map(\.seq) == [41, 61])
        #expect(documents.filter { $0.kind == "estimate" }.last?.seq == 79, "the newest estimate is kept")
        #expect(documents.last?.samples?.omitted == 19, "samples are thinned by keepEvery (every 2nd and the last), not by the budget")
        #expect(documents.last?.lastSeq == 80)
        // Events that are never left out go even past the budget.
        let tight = LogDocument.thinnedDocuments(channel: "a", entries: entries, keepEvery: 2, documentBudget: 1)
        #expect(tight.map(\.kind) == ["stepStarted", "alarm", "estimate", "samples"])
    }

    @Test func theRateLimiterAllowsABurstThenTheRate() {
        let limiter = RateLimiter(requestsPerSecond: 5)
        let start = ContinuousClock.now
        let allowed = (0..<20).filter { _ in limiter.take(for: "t", now: start) == nil }.count
        #expect(allowed == 10)
        #expect(limiter.take(for: "t", now: start + .milliseconds(200)) == nil)
        #expect(limiter.take(for: "t", now: start + .milliseconds(200)) != nil)
        #expect(limiter.take(for: "other", now: start) == nil)
    }

    @Test func aTokenSecretIsLongRandomAndStoredOnlyAsItsHash() {
        let secret = TokenSecret.make()
        #expect(secret.hasPrefix("cyd_") && secret.count == 47)
        #expect(secret != TokenSecret.make())
        #expect(TokenSecret.hash(secret).count == 64)
        #expect(TokenSecret.hash(secret) == TokenSecret.hash(secret))
    }

    @Test func rolesAreOrdered() {
        #expect(Role.viewer < Role.operator && Role.operator < Role.admin)
    }
}
