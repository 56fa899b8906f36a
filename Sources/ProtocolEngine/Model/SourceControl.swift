import Electrochemistry

/// A constant current, as the lab writes it: amperes, a current density, a
/// C-rate or a specific current. Positive charges the cell.
public struct CurrentControl: Sendable, Hashable {
    public var current: Quantity
    /// Added once per completed iteration of the innermost enclosing loop,
    /// for ramps such as a CCD test (`increment: 0.05 mA/cm2`).
    public var increment: Quantity?

    public init(current: Quantity, increment: Quantity? = nil) {
        self.current = current
        self.increment = increment
    }
}

/// A potentiostatic hold.
public struct VoltageControl: Sendable, Hashable {
    /// V.
    public var voltage: Double
    /// Current compliance; nil means the instrument's maximum.
    public var currentLimit: Quantity?

    public init(voltage: Double, currentLimit: Quantity? = nil) {
        self.voltage = voltage
        self.currentLimit = currentLimit
    }
}

/// Constant current to a voltage, then that voltage held until the current
/// falls to `cutoff`: the usual end of a charge.
public struct ConstantCurrentConstantVoltage: Sendable, Hashable {
    public var current: Quantity
    /// V.
    public var voltage: Double
    /// The CV phase ends when |I| falls below this.
    public var cutoff: Quantity

    public init(current: Quantity, voltage: Double, cutoff: Quantity) {
        self.current = current
        self.voltage = voltage
        self.cutoff = cutoff
    }
}

/// A train of current pulses separated by rests: GITT (long rests) and DCIR
/// (short pulses). The step's `until` conditions end the whole train.
public struct PulseTrain: Sendable, Hashable {
    public var current: Quantity
    /// s.
    public var pulseDuration: Double
    /// s.
    public var restDuration: Double
    public var count: Int

    public init(current: Quantity, pulseDuration: Double, restDuration: Double, count: Int) {
        self.current = current
        self.pulseDuration = pulseDuration
        self.restDuration = restDuration
        self.count = count
    }
}

/// A linear voltage sweep (LSV) or cyclic voltammetry between vertices.
public struct Sweep: Sendable, Hashable {
    /// Start voltage (V); nil starts at the open-circuit voltage.
    public var start: Double?
    /// The voltages the sweep turns at, in order (V); the last is the end.
    public var vertices: [Double]
    /// V/s, positive.
    public var rate: Double
    /// How many times the vertex sequence repeats.
    public var cycles: Int

    public init(start: Double?, vertices: [Double], rate: Double, cycles: Int) {
        self.start = start
        self.vertices = vertices
        self.rate = rate
        self.cycles = cycles
    }
}
