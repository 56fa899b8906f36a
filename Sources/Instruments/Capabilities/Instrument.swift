/// Who an instrument is, as it reports itself.
public struct InstrumentIdentity: Sendable, Hashable, Codable {
    public var vendor: String
    public var model: String
    public var serialNumber: String
    public var firmware: String
    /// Where it is reached, as an address URL (`sim:PRESET`, `usbtmc://05e6:2450`, …).
    public var address: String

    public init(vendor: String, model: String, serialNumber: String, firmware: String, address: String) {
        self.vendor = vendor
        self.model = model
        self.serialNumber = serialNumber
        self.firmware = firmware
        self.address = address
    }
}

/// What every instrument can do: say who it is and make itself safe.
///
/// Safe state comes first in every fault path (DESIGN.md): an output goes to
/// open circuit or 0 A before anything else happens.
public protocol Instrument: Sendable {
    /// The instrument's identity.
    func identify() async throws -> InstrumentIdentity
    /// Puts every output in its safe state (open circuit, 0 A, heaters to
    /// their idle setpoint). Idempotent.
    func enterSafeState() async throws
    /// After the instrument was lost: waits up to `within` for it to answer
    /// again, checks it is the same instrument, and leaves its outputs safe.
    /// The caller re-applies what it wants (a job decides whether to resume).
    func reconnect(within: Duration) async throws
    /// Releases the connection. Outputs stay as they are: make them safe first.
    func close() async
}
