/// When a sample is worth keeping: at least every `interval` seconds, and
/// whenever voltage or current moved by `voltageChange` or `currentChange`
/// since the last kept sample (BioLogic's dt/dE/dI record conditions).
///
/// The instrument is read every `sampleInterval`; the filter thins what is
/// stored, never what terminations and safety limits see.
public struct RecordPolicy: Sendable, Hashable, Codable {
    /// Longest time between two stored samples (s): `dt`.
    public var interval: Double
    /// How often the instrument is read (s): `sample`. Defaults to the
    /// shorter of `dt` and 1 s, so dV and dI can act between dt records.
    public var sampleInterval: Double
    /// Record when |ΔV| since the last record reaches this (V): `dV`; nil: off.
    public var voltageChange: Double?
    /// Record when |ΔI| since the last record reaches this (A): `dI`; nil: off.
    public var currentChange: Double?

    public init(interval: Double, sampleInterval: Double? = nil, voltageChange: Double? = nil, currentChange: Double? = nil) {
        self.interval = interval
        self.sampleInterval = sampleInterval ?? min(interval, 1)
        self.voltageChange = voltageChange
        self.currentChange = currentChange
    }

    /// One sample a second, every one kept.
    public static let standard = RecordPolicy(interval: 1)
}
