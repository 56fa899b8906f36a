/// A fault the simulated bench was told to make, reported like a driver's error.
public struct SimulatedBenchFault: InstrumentError {
    public var address: String
    public var detail: String
    public var instrument: String { "simulated potentiostat" }
    /// An injected fault stays until the test clears it.
    public var isRecoverableByReconnect: Bool { false }
    public var description: String { "\(instrument) at \(address): \(detail)" }
}
