import API
import AsyncHTTPClient
import Foundation
import NIOHTTP1
import Testing

/// The dashboard's job plots through a real daemon running the GCPL protocol
/// on the simulated full cell: each endpoint's numbers checked against
/// another way of getting them (the cycle summaries, the cell file, the
/// stored samples and spectra).
@Suite(.serialized)
struct DashboardDataTests {
    /// The cell file's active mass (7.85 mg) and area (0.785 cm²).
    static let activeMassGrams = 7.85e-3
    static let areaSquareCentimetres = 0.785

    /// Over the Unix socket, which needs no token.
    static func send(_ daemon: DaemonProcess, _ path: String) async throws -> APIEndToEndTests.Answer {
        try await APIEndToEndTests.send(.GET, try #require(URL(httpURLWithSocketPath: daemon.socketPath, uri: path)).absoluteString)
    }

    static func get<T: Decodable>(_ daemon: DaemonProcess, _ path: String, as type: T.Type) async throws -> T {
        let answer = try await send(daemon, path)
        #expect(answer.status == 200, "\(path): \(String(decoding: answer.body, as: UTF8.self))")
        return try SnakeCaseKeys.decoder.decode(T.self, from: answer.body)
    }

    static func status(_ daemon: DaemonProcess, _ path: String) async throws -> Int {
        try await send(daemon, path).status
    }

    @Test func curvesFitsAndResistancesAgreeWithTheStore() async throws {
        // pause_on: [] so a live-model alarm does not hold the job before its plots are complete.
        let daemon = try DaemonProcess(channels: """
              - {name: gcpl, potentiostat: bench, cell: Config/cells/nmc811-lpscl-liin-sim.yaml, protocol: Protocols/gcpl.yaml, pause_on: []}
            """)
        defer { daemon.stop() }
        try await daemon.waitUntilListening()

        // While the job runs, the channel says how many cycles its protocol runs (count: 3 in gcpl.yaml).
        var running = try await Self.get(daemon, "/v1/channels/gcpl", as: ChannelView.self)
        for _ in 0..<100 where running.runningJob == nil {
            try await Task.sleep(for: .milliseconds(100))
            running = try await Self.get(daemon, "/v1/channels/gcpl", as: ChannelView.self)
        }
        let job = try #require(running.runningJob)
        #expect(running.plannedCycles == 3)
        var record = try await Self.get(daemon, "/v1/jobs/\(job)", as: JobView.self)
        for _ in 0..<900 where record.state == "running" {
            try await Task.sleep(for: .milliseconds(100))
            record = try await Self.get(daemon, "/v1/jobs/\(job)", as: JobView.self)
        }
        try #require(record.state == "completed", "job \(job) \(record.state): \(record.reason ?? "")")
        // The job's state is set as it ends; its last samples are stored once its jobEnded event is (the log is in order).
        var ended: [EventView] = []
        for _ in 0..<100 where ended.isEmpty {
            ended = try await Self.get(daemon, "/v1/channels/gcpl/events?kind=jobEnded", as: [EventView].self)
            if ended.isEmpty { try await Task.sleep(for: .milliseconds(100)) }
        }
        try #require(!ended.isEmpty)

        // Each cycle's V–Q branches end at the cycle summary's charge and discharge. Both sum
        // the same per-sample charges from different starting totals, so they agree to rounding.
        let cycles = try await Self.get(daemon, "/v1/jobs/\(job)/cycles", as: [CycleView].self).filter { $0.discharge_mAh > 0.1 }
        #expect(cycles.map(\.cycle) == [1, 2, 3])
        for cycle in cycles {
            let curve = try await Self.get(daemon, "/v1/jobs/\(job)/cycles/\(cycle.cycle)/curve?max_points=100000", as: CycleCurveView.self)
            let charge = try #require(curve.charge.capacity_mAh.last)
            let discharge = try #require(curve.discharge.capacity_mAh.last)
            #expect(abs(charge - cycle.charge_mAh) <= 1e-12 * cycle.charge_mAh)
            #expect(abs(discharge - cycle.discharge_mAh) <= 1e-12 * cycle.discharge_mAh)
            #expect(curve.activeMass_g == Self.activeMassGrams)
            #expect(curve.discharge.specificCapacity_mAhPerG?.last == discharge / Self.activeMassGrams)
            #expect(zip(curve.charge.capacity_mAh, curve.charge.capacity_mAh.dropFirst()).allSatisfy { $0 <= $1 })
            let thinned = try await Self.get(daemon, "/v1/jobs/\(job)/cycles/\(cycle.cycle)/curve?max_points=40", as: CycleCurveView.self)
            #expect(thinned.discharge.capacity_mAh.count == 40 && thinned.discharge.capacity_mAh.last == discharge, "cycle \(cycle.cycle): \(curve.discharge.capacity_mAh.count) points, \(thinned.discharge.capacity_mAh.suffix(2)) vs \(curve.discharge.capacity_mAh.suffix(2))")
        }
        #expect(try await Self.status(daemon, "/v1/jobs/\(job)/cycles/99/curve") == 404)

        // The spectrum's fit passes lin-KK (the simulator is linear and still) and its high-frequency
        // resistance R0 lies between the smallest measured real part and the low-frequency one.
        let spectra = try await Self.get(daemon, "/v1/jobs/\(job)/spectra", as: [SpectrumView].self)
        let spectrum = try #require(spectra.first)
        let fit = try await Self.get(daemon, "/v1/jobs/\(job)/spectra/0/fit", as: SpectrumFitView.self)
        #expect(fit.kramersKronig.passed)
        #expect(fit.trustworthy)
        let r0 = try #require(fit.parameters.first { $0.name == "R0" }?.value)
        let largestReal = try #require(spectrum.real_ohm.max())
        #expect(r0 > 0 && r0 <= largestReal)
        let curve = try #require(fit.fit)
        #expect(curve.frequency_Hz.first == spectrum.frequency_Hz.max() && curve.frequency_Hz.last == spectrum.frequency_Hz.min())
        let chosen = try await Self.get(daemon, "/v1/jobs/\(job)/spectra/0/fit?circuit=R0-p(R1,CPE1)", as: SpectrumFitView.self)
        #expect(chosen.circuit == "R0-p(R1,CPE1)" && chosen.parameters.map(\.name) == ["R0", "R1", "CPE1_0", "CPE1_1"])
        #expect(try await Self.status(daemon, "/v1/jobs/\(job)/spectra/0/fit?circuit=R0-q(R1)") == 400)
        #expect(try await Self.status(daemon, "/v1/jobs/\(job)/spectra/\(spectra.count)/fit") == 404)

        // Resistances per area are the cell file's area times the ohms (to rounding: the file's cm² is
        // stored in m²); the measured pressure is that of the stored sample the estimate was taken at.
        let resistances = try await Self.get(daemon, "/v1/jobs/\(job)/resistance", as: [ResistanceView].self)
        let withResistance = resistances.filter { $0.interfacialResistance_ohm != nil }
        #expect(!withResistance.isEmpty)
        for point in withResistance {
            let ohms = try #require(point.interfacialResistance_ohm)
            let areal = try #require(point.interfacialResistance_ohmCm2)
            #expect(abs(areal - ohms * Self.areaSquareCentimetres) <= 1e-12 * abs(areal))
        }
        #expect(resistances.contains { ($0.rest_s ?? 0) > 0 } && resistances.contains { $0.rest_s == nil })
        #expect(Set(resistances.map(\.cycle)).isSuperset(of: [1, 2, 3]))
        let probe = try #require(resistances.last)
        let samples = try await Self.get(daemon, "/v1/channels/gcpl/samples?job=\(job)&from=\(probe.time_s)&to=\(probe.time_s)", as: [SampleView].self)
        #expect(probe.measuredPressure_Pa == samples.last?.pressure_Pa)
    }
}
