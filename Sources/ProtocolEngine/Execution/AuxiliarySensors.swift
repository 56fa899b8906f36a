import Instruments

/// The channel's separate pressure and temperature sensors, joined to every
/// potentiostat sample.
///
/// A load cell or chamber is read far less often than the potentiostat (and
/// over a slower bus), so each sample carries the latest reading and its
/// age. A reading older than `staleAfter` cadences is stale: a safety limit
/// that depends on it can no longer be trusted, which the executor treats as
/// a fault. A sample that measured a quantity itself (the simulated bench's)
/// keeps its own value.
struct AuxiliarySensors<C: Clock>: Sendable where C.Duration == Duration {
    /// How many cadences a reading may age before it is stale.
    static var staleAfter: Double { 2.5 }

    let polling: SensorPolling<C>

    init(instruments: ChannelInstruments, clock: C) {
        polling = SensorPolling(pressure: instruments.pressureSensor, pressureCadence: instruments.pressureCadence,
                                thermal: instruments.thermal, temperatureCadence: instruments.temperatureCadence, clock: clock)
    }

    /// Polls every sensor until cancelled. Run it beside the job.
    func poll() async {
        guard !polling.isEmpty else { return }
        await polling.run()
    }

    /// Waits for every sensor's first answer, for at most the time after which its reading would be stale.
    func firstAnswers() async {
        let longest = [polling.status(of: .pressure), polling.status(of: .temperature)].compactMap { $0?.cadence }.max()
        guard let longest else { return }
        await polling.firstAnswers(within: longest * Self.staleAfter)
    }

    /// Adds the latest polled readings, with their ages, where the sample has
    /// none of its own. A stale reading is left out (the sample says "not
    /// known", not an old value as if it were new): the store keeps no age,
    /// and a lost sensor must show as a gap whether or not a limit watches it.
    func fuse(_ sample: inout Sample) {
        guard sample.pressure == nil || sample.temperature == nil, !polling.isEmpty else { return }
        let now = polling.clock.now
        if sample.pressure == nil, let status = polling.status(of: .pressure) {
            sample.pressureAge = status.age(at: now).seconds
            sample.pressure = Self.fresh(status, age: sample.pressureAge)
        }
        if sample.temperature == nil, let status = polling.status(of: .temperature) {
            sample.temperatureAge = status.age(at: now).seconds
            sample.temperature = Self.fresh(status, age: sample.temperatureAge)
        }
    }

    /// The latest reading, unless it is older than `staleAfter` cadences.
    private static func fresh(_ status: SensorPolling<C>.Status, age: Double?) -> Double? {
        guard let age, age <= staleAfter * status.cadence.seconds else { return nil }
        return status.latest?.value
    }

    /// The first quantity a safety limit watches whose reading in `sample` is
    /// stale, with why, or nil when every watched reading is fresh.
    func stale(in sample: Sample, watched: Set<SafetyLimits.Quantity>)
        -> (quantity: SafetyLimits.Quantity, age: Double, message: String)? {
        guard !watched.isEmpty, !polling.isEmpty else { return nil }
        let checks: [(SafetyLimits.Quantity, SensorPolling<C>.Quantity, Double?)] = [
            (.pressure, .pressure, sample.pressureAge), (.temperature, .temperature, sample.temperatureAge),
        ]
        for (quantity, polled, age) in checks {
            guard watched.contains(quantity), let age, let status = polling.status(of: polled),
                  age > Self.staleAfter * status.cadence.seconds else { continue }
            let last = status.latest == nil ? "never read" : "last read \((age * 10).rounded() / 10) s ago"
            let failure = status.lastFailure.map { "; last error: \($0)" } ?? ""
            return (quantity, age, "the \(quantity.rawValue) sensor was \(last), more than \(Self.staleAfter) of its "
                + "\(status.cadence.seconds) s cadences\(failure)")
        }
        return nil
    }
}
