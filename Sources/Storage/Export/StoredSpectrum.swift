import Foundation

/// An impedance spectrum read back from a `spectrum` event's body.
///
/// Storage does not depend on ProtocolEngine (the engine's types reach it
/// only as JSON), so this decodes just the fields exports need from the body
/// the Scheduler's JournalObserver writes: `{"time": …, "kind": {"spectrum":
/// {"spectrum": SpectrumRecord}}}`, with non-finite numbers as `"nan"`,
/// `"inf"` and `"-inf"`. StorageTests encode a real `JobEvent` to keep the two in step.
public struct StoredSpectrum: Sendable, Hashable {
    /// Job time (s) and unix time of the event.
    public var time: Double
    public var unixTime: Double
    public var step: Int
    public var cycle: Int
    public var label: String?
    /// Hz, Ω, Ω (a capacitive arc's imaginary part is negative).
    public var frequency: [Double]
    public var real: [Double]
    public var imaginary: [Double]
    /// The DC conditions just before the sweep: V, A (positive charges), K, Pa.
    public var voltage: Double
    public var current: Double
    public var temperature: Double?
    public var pressure: Double?

    /// Decodes `event`'s body; nil for an event that holds no spectrum.
    public init?(_ event: StoredEvent) {
        guard event.kind == "spectrum",
              let document = try? StoredEvent.bodyDecoder.decode(Document.self, from: Data(event.body.utf8)) else { return nil }
        let record = document.kind.spectrum.spectrum
        guard record.frequency.count == record.real.count, record.real.count == record.imaginary.count else { return nil }
        time = event.time
        unixTime = event.unixTime
        step = record.step
        cycle = record.cycle
        label = record.label
        frequency = record.frequency
        real = record.real
        imaginary = record.imaginary
        voltage = record.voltage
        current = record.current
        temperature = record.temperature
        pressure = record.pressure
    }

    private struct Document: Decodable {
        var kind: Kind
    }

    private struct Kind: Decodable {
        var spectrum: Payload
    }

    private struct Payload: Decodable {
        var spectrum: Record
    }

    private struct Record: Decodable {
        var frequency, real, imaginary: [Double]
        var step, cycle: Int
        var label: String?
        var voltage, current: Double
        var temperature, pressure: Double?
    }
}
