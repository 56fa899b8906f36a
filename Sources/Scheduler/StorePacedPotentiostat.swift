import Electrochemistry
import Instruments
import Storage

/// A channel's potentiostat, made to wait before a reading while its journal
/// holds more samples than its `backlogLimit` that the store has not yet
/// written, until the writer takes them.
///
/// A real instrument makes a few readings a second and never comes near the
/// limit; a simulated bench at maximum speed makes them as fast as the CPU
/// allows, and without this would fill memory faster than SQLite can drain
/// it. The store's pace bounds a channel's: data is never dropped to keep up.
struct StorePacedPotentiostat: Potentiostat {
    let inner: any Potentiostat
    let journal: ChannelJournal

    var capabilities: PotentiostatCapabilities { inner.capabilities }
    func identify() async throws -> InstrumentIdentity { try await inner.identify() }
    func enterSafeState() async throws { try await inner.enterSafeState() }
    func reconnect(within: Duration) async throws { try await inner.reconnect(within: within) }
    func close() async { await inner.close() }
    func apply(_ setpoint: SourceSetpoint) async throws { try await inner.apply(setpoint) }
    func setSampleInterval(_ seconds: Double) async throws { try await inner.setSampleInterval(seconds) }
    func measureImpedance(_ request: ImpedanceRequest) async throws -> ImpedanceSpectrum { try await inner.measureImpedance(request) }

    func nextSample() async throws -> Sample {
        try await journal.waitForRoom()
        return try await inner.nextSample()
    }
}
