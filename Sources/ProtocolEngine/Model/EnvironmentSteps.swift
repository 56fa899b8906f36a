/// Sets the temperature controller and waits until the cell is stable.
public struct TemperatureSetting: Sendable, Hashable {
    /// K.
    public var target: Double
    /// ± band (K) the controller must hold.
    public var tolerance: Double
    /// How long it must stay in the band (s); 0 does not wait.
    public var stableFor: Double
    /// Longest wait (s) before the step fails.
    public var timeout: Double

    public init(target: Double, tolerance: Double, stableFor: Double, timeout: Double) {
        self.target = target
        self.tolerance = tolerance
        self.stableFor = stableFor
        self.timeout = timeout
    }
}

/// Sets a rig's actuator and waits until the load cell agrees.
public struct PressureSetting: Sendable, Hashable {
    /// Pa.
    public var target: Double
    /// ± band (Pa).
    public var tolerance: Double
    /// Time the reading must stay in the band (s).
    public var settle: Double
    /// Longest wait (s) before the step fails.
    public var timeout: Double

    public init(target: Double, tolerance: Double, settle: Double, timeout: Double) {
        self.target = target
        self.tolerance = tolerance
        self.settle = settle
        self.timeout = timeout
    }
}

/// A band for the passive stack pressure: `wait_pressure` rests until the
/// reading enters it (failing after `timeout`), `expect_pressure` checks it
/// once and fails at once outside it.
public struct PressureWindow: Sendable, Hashable {
    /// Pa.
    public var range: ClosedRange<Double>
    /// s; used by `wait_pressure`.
    public var timeout: Double

    public init(range: ClosedRange<Double>, timeout: Double) {
        self.range = range
        self.timeout = timeout
    }
}
