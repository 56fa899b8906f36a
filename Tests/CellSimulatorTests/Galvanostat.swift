import CellSimulator

/// Constant-current and constant-voltage steps on a simulated cell, as a
/// cycler runs them, for the tests that need whole cycles.
extension SimulatedCell {
    /// Charges at `current` to `voltage`, then holds it until the current falls
    /// below `cutoff`.
    ///
    /// - Returns: the charge passed (C).
    mutating func chargeCCCV(current: Double, voltage limit: Double, cutoff: Double, dt: Double = 10) -> Double {
        var charge = 0.0
        while step(current: current, dt: dt) < limit { charge += current * dt }
        while true {
            let i = step(voltage: limit, dt: dt)
            charge += i * dt
            if i < cutoff { return charge }
        }
    }

    /// Discharges at `current` (positive) until the voltage falls to `limit`.
    ///
    /// - Returns: the charge delivered (C).
    mutating func discharge(current: Double, to limit: Double, dt: Double = 10) -> Double {
        var charge = 0.0
        while step(current: -current, dt: dt) > limit { charge += current * dt }
        return charge
    }

    /// Rests at open circuit for `seconds`.
    mutating func rest(_ seconds: Double, dt: Double = 60) {
        for _ in 0..<Int((seconds / dt).rounded()) { step(current: 0, dt: dt) }
    }
}
