import ProtocolEngine

/// Writes `sim cycle`'s rows as the job records them: µs, 0.1 µV, 1 pA,
/// 0.1 Pa, 1 mK, finer than any instrument resolves, in fixed point (the hot
/// path of long simulated runs).
final class SimCycleWriter: JobObserver {
    private let out: OutputFile
    /// time_s, voltage_V, current_A, pressure_Pa, temperature_degC.
    private let layout = FixedPointRow<5>(decimals: [6, 7, 12, 1, 3])
    /// The message of the alarm that stopped the job, if one did.
    private(set) var lastAlarm: String?

    init(out: OutputFile) {
        self.out = out
    }

    func record(_ s: RecordedSample) {
        out.writeRow([s.time, s.voltage, s.current, s.pressure ?? .nan, (s.temperature ?? .nan) - 273.15], as: layout)
    }

    func handle(_ event: JobEvent) {
        if case .alarm(let alarm) = event.kind { lastAlarm = alarm.message }
    }

    /// A simulated run is not resumed.
    func checkpoint(_ checkpoint: ExecutorCheckpoint) {}
}
