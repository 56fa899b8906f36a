import CellSimulator
import Electrochemistry

/// The potentiostat channel of a `SimulatedBench`: an EmStat4-class
/// instrument with galvanostatic and potentiostatic EIS.
public struct SimulatedPotentiostat: Potentiostat {
    let bench: SimulatedBench

    public var capabilities: PotentiostatCapabilities {
        PotentiostatCapabilities(galvanostatic: true, potentiostatic: true, potentiostaticEIS: true,
                                 galvanostaticEIS: true, maximumCurrent: 0.1, voltageRange: -10...10,
                                 frequencyRange: 1e-3...1e7, minimumSampleInterval: 1e-3)
    }

    public func identify() async throws -> InstrumentIdentity {
        InstrumentIdentity(vendor: "cyclerd", model: "simulated potentiostat", serialNumber: bench.definition.name,
                           firmware: "1", address: bench.address)
    }

    public func enterSafeState() async throws { try await bench.enterSafeState() }
    /// An in-process bench is never lost.
    public func reconnect(within: Duration) async throws {}
    public func close() async {}
    public func apply(_ setpoint: SourceSetpoint) async throws { await bench.apply(setpoint) }
    public func setSampleInterval(_ seconds: Double) async throws { await bench.setSampleInterval(seconds) }
    /// A sample the bench computed ahead is taken without a hop onto it.
    public func nextSample() async throws -> Sample {
        if let sample = takeBufferedSample() { return sample }
        return try await bench.nextSample()
    }
    public func takeBufferedSample() -> Sample? { bench.readAhead.take() }
    public func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum {
        try await bench.measureImpedance(request)
    }
}

/// The load cell and actuator of a `SimulatedBench`.
public struct SimulatedPressureRig: PressureActuator {
    let bench: SimulatedBench

    public func identify() async throws -> InstrumentIdentity {
        InstrumentIdentity(vendor: "cyclerd", model: "simulated pressure rig", serialNumber: bench.definition.name,
                           firmware: "1", address: bench.address)
    }

    /// A rig's safe state is to hold its pressure (releasing it could break
    /// contact); the simulated rig applies its setpoint at once, so there is no
    /// ramp to stop and holding is what it already does.
    public func enterSafeState() async throws {}
    public func reconnect(within: Duration) async throws {}
    public func close() async {}
    public func readPressure() async throws -> Double { await bench.readPressure() }
    public func setPressure(_ pascal: Double) async throws { await bench.setAppliedPressure(pascal) }
}

/// The temperature chamber of a `SimulatedBench`.
public struct SimulatedChamber: ThermalController {
    let bench: SimulatedBench

    public func identify() async throws -> InstrumentIdentity {
        InstrumentIdentity(vendor: "cyclerd", model: "simulated chamber", serialNumber: bench.definition.name,
                           firmware: "1", address: bench.address)
    }

    /// A chamber's safe state is room temperature.
    public func enterSafeState() async throws { await bench.setChamberTemperature(298.15) }
    public func reconnect(within: Duration) async throws {}
    public func close() async {}
    public func readTemperature() async throws -> Double { await bench.readTemperature() }
    public func setSetpoint(_ kelvin: Double) async throws { await bench.setChamberTemperature(kelvin) }
    public func isStable(within band: Double) async throws -> Bool {
        let setpoint = await bench.chamberTemperature
        return abs(await bench.truth.state.temperature - setpoint) <= band
    }
}
