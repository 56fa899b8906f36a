import Electrochemistry
import CellSimulator
import Instruments
import Synchronization

/// A potentiostat with no physics: a voltage ramp that crosses `crossing`
/// volts on sample `crossingIndex`. Isolates the executor's own cost.
final class ScriptedPotentiostat: Potentiostat {
    let crossingIndex: Int
    private let count = Mutex(0)

    init(crossingIndex: Int) {
        self.crossingIndex = crossingIndex
    }

    var capabilities: PotentiostatCapabilities {
        PotentiostatCapabilities(galvanostatic: true, potentiostatic: true, potentiostaticEIS: false, galvanostaticEIS: false,
                                 maximumCurrent: 0.1, voltageRange: -10...10, frequencyRange: nil, minimumSampleInterval: 1e-3)
    }

    func identify() async throws -> InstrumentIdentity {
        InstrumentIdentity(vendor: "bench", model: "scripted", serialNumber: "0", firmware: "0", address: "sim:scripted")
    }

    func apply(_ setpoint: SourceSetpoint) async throws {}
    func setSampleInterval(_ seconds: Double) async throws {}
    func reconnect(within: Duration) async throws {}
    func close() async {}
    func enterSafeState() async throws {}
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum { ImpedanceSpectrum(points: []) }

    func nextSample() async throws -> Sample {
        let index = count.withLock { value in
            value += 1
            return value
        }
        let voltage = index >= crossingIndex ? 4.5 : 3.5 + 0.01 * Double(index)
        return Sample(time: Double(index), voltage: voltage, current: 1e-3, pressure: 1e7, temperature: 298)
    }
}
