import Instruments

/// How each half-cycle of galvanostatic cycling ends.
enum GalvanostaticPlan {
    /// Charge to the upper cut-off, discharge to the lower (full cells).
    case toVoltage(ClosedRange<Double>)
    /// Fixed time each way (symmetric cells: plate, then strip).
    case forDuration(Double)
}

/// Plain galvanostatic cycling through the `Potentiostat` protocol.
///
/// The protocol engine will own real protocols; this is the fixed
/// charge/discharge loop `sim cycle` needs, and it stops with an error rather
/// than run forever if a half-cycle never reaches its cut-off.
struct GalvanostaticCycler {
    let potentiostat: any Potentiostat
    let current: Double
    let plan: GalvanostaticPlan
    let interval: Double
    /// Nominal capacity (C), to bound a half-cycle's length; 0 if none.
    let capacity: Double

    struct HalfCycleTooLong: Error, CustomStringConvertible {
        var description: String
    }

    func run(cycles: Int, record: (Sample) -> Void) async throws {
        try await potentiostat.setSampleInterval(interval)
        do {
            for _ in 0..<cycles {
                try await halfCycle(sign: 1, record: record)
                try await halfCycle(sign: -1, record: record)
            }
        } catch {
            try? await potentiostat.enterSafeState()
            throw error
        }
        try await potentiostat.enterSafeState()
    }

    private func halfCycle(sign: Double, record: (Sample) -> Void) async throws {
        switch plan {
        case .toVoltage(let window):
            // Compliance a little beyond the cut-offs so the sample that crosses one is seen.
            try await potentiostat.apply(.current(sign * current, voltageLimits: (window.lowerBound - 0.5)...(window.upperBound + 0.5)))
            let limit = capacity > 0 ? 3 * capacity / current + 3600 : .infinity
            var elapsed = 0.0
            while true {
                let s = try await potentiostat.nextSample()
                record(s)
                elapsed += interval
                if sign > 0 ? s.voltage >= window.upperBound : s.voltage <= window.lowerBound { return }
                if elapsed > limit {
                    throw HalfCycleTooLong(description: "the cell did not reach \(sign > 0 ? window.upperBound : window.lowerBound) V within \(Int(limit)) s; it may be shorted or dead")
                }
            }
        case .forDuration(let seconds):
            try await potentiostat.apply(.current(sign * current, voltageLimits: -10...10))
            var elapsed = 0.0
            while elapsed < seconds - 1e-9 {
                record(try await potentiostat.nextSample())
                elapsed += interval
            }
        }
    }
}
