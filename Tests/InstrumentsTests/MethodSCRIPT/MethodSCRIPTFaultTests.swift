import CellSimulator
import Foundation
import InstrumentSimulators
import Instruments
import Testing
import Transport

/// Faults on the wire: each gives a typed error within the timeout, never a crash or a hang.
@Suite struct MethodSCRIPTFaultTests {
    static let timeout = Duration.milliseconds(200)

    private func kind(of body: () async throws -> Void) async -> MethodSCRIPTError.Kind? {
        do {
            try await body()
            return nil
        } catch let error as MethodSCRIPTError {
            return error.kind
        } catch {
            Issue.record("untyped error \(error)")
            return nil
        }
    }

    @Test func silentDeviceTimesOutWithinTheTimeout() async throws {
        let peer = try FakeMethodSCRIPTPeer { _ in nil }
        var result: MethodSCRIPTError.Kind?
        let took = await elapsed {
            result = await kind { _ = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout) }
        }
        #expect(result == .transport(.timeout))
        #expect(took < Self.timeout + .milliseconds(300), "took \(took)")
    }

    @Test func garbageInsteadOfAnAnswerIsAMalformedReply() async throws {
        let peer = try FakeMethodSCRIPTPeer { _ in ["\u{1}\u{7F}garbage \u{FFFD}#"] }
        let result = await kind { _ = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout) }
        #expect(result == .malformedReply)
    }

    @Test func endlessBytesWithoutALineEndAreRefused() async throws {
        let peer = try FakeMethodSCRIPTPeer { _ in [String(repeating: "\u{AA}", count: 3000)] }
        let result = await kind { _ = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout) }
        #expect(result == .transport(.malformed))
    }

    @Test func unknownDeviceTypeIsNamed() async throws {
        let peer = try FakeMethodSCRIPTPeer { request in
            switch request {
            case .online("Z"): ["Z!0006"]
            case .online("t"): ["tsensit1.0*"]
            default: nil
            }
        }
        do {
            _ = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout)
            Issue.record("an unknown device was accepted")
        } catch let error as MethodSCRIPTError {
            #expect(error.kind == .unsupportedDevice)
            #expect(error.detail.contains("sensit") && error.detail.contains("es4_hr"))
            #expect(error.address == "methodscript:\(peer.devicePath)")
        }
    }

    @Test func truncatedPacketIsMalformedAndTheDriverAbortsTheScript() async throws {
        let peer = try FakeMethodSCRIPTPeer(answer: FakeMethodSCRIPTPeer.handshaking { request in
            guard case .script = request else { return nil }
            return ["e", "M0000", "Pab84E6"]
        })
        let driver = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout)
        try await driver.apply(.openCircuit)
        let result = await kind { _ = try await driver.nextSample() }
        #expect(result == .malformedReply)
        let requests = await peer.requests()
        #expect(requests.last == .online("Z"), "the cell is turned off after the fault")
    }

    @Test func deviceErrorCodeIsReported() async throws {
        let peer = try FakeMethodSCRIPTPeer(answer: FakeMethodSCRIPTPeer.handshaking { request in
            guard case .script = request else { return nil }
            return ["!4004: line 3: nonsense"]
        })
        let driver = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout)
        let result = await kind { try await driver.apply(.voltage(1, currentLimit: 1e-3)) }
        #expect(result == .deviceError(code: "4004"))
    }

    @Test func deviceFallingSilentMidStreamTimesOut() async throws {
        let peer = try FakeMethodSCRIPTPeer(answer: FakeMethodSCRIPTPeer.handshaking { request in
            guard case .script = request else { return nil }
            return ["e", "M0000", "Pab8000064m"]
        })
        let driver = try await MethodSCRIPTPotentiostat.connect(path: peer.devicePath, timeout: Self.timeout)
        try await driver.setSampleInterval(0.1)
        try await driver.apply(.openCircuit)
        #expect(try await driver.nextSample().voltage == 0.1)
        var result: MethodSCRIPTError.Kind?
        let took = await elapsed { result = await kind { _ = try await driver.nextSample() } }
        #expect(result == .transport(.timeout))
        #expect(took < Self.timeout + .milliseconds(100) + .milliseconds(300), "took \(took)")
    }

    @Test func deviceVanishingMidStreamIsADisconnect() async throws {
        let rig = try await MethodSCRIPTTestBench.start(timeout: Self.timeout)
        try await rig.driver.apply(.current(1e-3, voltageLimits: 2...4.3))
        for _ in 0..<10 { _ = try await rig.driver.nextSample() }
        await rig.simulator.stop()
        var result: MethodSCRIPTError.Kind?
        let took = await elapsed {
            result = await kind { for _ in 0..<100_000 { _ = try await rig.driver.nextSample() } }
        }
        #expect(result == .transport(.disconnected))
        #expect(took < .seconds(1), "took \(took)")
        // Every later call fails the same way until a reconnect, without waiting.
        #expect(await kind { try await rig.driver.apply(.openCircuit) } == .transport(.disconnected))
    }

    @Test func driverReconnectsWhenTheDeviceComesBack() async throws {
        let link = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-ms-\(UInt32.random(in: 0...UInt32.max))").path
        let rig = try await MethodSCRIPTTestBench.start(linkPath: link, timeout: Self.timeout)
        try await rig.driver.apply(.openCircuit)
        _ = try await rig.driver.nextSample()
        await rig.simulator.stop()
        #expect(await kind { for _ in 0..<100_000 { _ = try await rig.driver.nextSample() } } == .transport(.disconnected))

        // Nothing there yet: the reconnect waits, then gives up with a typed error.
        #expect(await kind { try await rig.driver.reconnect(within: .milliseconds(250)) } == .transport(.unavailable))

        // The device comes back (same cell, same serial number) while the driver is retrying.
        async let reconnected: Void = rig.driver.reconnect(within: .seconds(3))
        try await Task.sleep(for: .milliseconds(200))
        let returned = try MethodSCRIPTSimulator(bench: rig.bench, linkPath: link)
        returned.start()
        try await reconnected
        try await rig.driver.apply(.current(1e-3, voltageLimits: 2...4.3))
        #expect(abs(try await rig.driver.nextSample().current - 1e-3) < 1e-9)
        try await rig.driver.enterSafeState()
        await returned.stop()
    }
}
