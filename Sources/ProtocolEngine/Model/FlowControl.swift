/// Repeats its steps a number of times, or until a condition holds after an
/// iteration. Loops nest.
///
/// Cycle counting is explicit: only a loop marked `cycle: true` counts cycles,
/// and each of its iterations is one cycle. The cycle number is 0 before the
/// first such iteration (formation steps before the loop belong to cycle 0)
/// and increases by one when each iteration starts.
public struct Loop: Sendable {
    /// Most iterations; nil runs until `until` holds.
    public var count: Int?
    /// Checked on the last sample of each iteration; the first that holds
    /// ends the loop.
    public var until: [Condition]
    public var countsCycles: Bool
    public var steps: [Step]

    public init(count: Int?, until: [Condition] = [], countsCycles: Bool = false, steps: [Step]) {
        self.count = count
        self.until = until
        self.countsCycles = countsCycles
        self.steps = steps
    }
}

/// A sub-sequence run between the steps that follow it in the same list:
/// every N cycles (at the first step boundary after the Nth cycle ends), or
/// every T of job time (at the first step boundary once T has passed; rests
/// are interrupted for it and then resume).
public struct Interleave: Sendable {
    public enum Period: Sendable, Hashable {
        case cycles(Int)
        case time(Double)
    }

    public var period: Period
    public var steps: [Step]

    public init(period: Period, steps: [Step]) {
        self.period = period
        self.steps = steps
    }
}

/// An analysis the job asks for over what it has measured so far.
public enum AnalysisKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// Ionic conductivity against temperature from the spectra taken at each temperature.
    case arrhenius
    /// Impedance against stack pressure.
    case pressureSeries = "pressure_series"
    /// Critical current density from a symmetric-cell ramp.
    case ccd
    /// Per-cycle capacities, efficiencies and voltages.
    case cycles
    /// Li⁺ transference number (Bruce–Vincent) from the last transference polarisation.
    case transference
    /// Electronic conductivity from the last electronic polarisation.
    case electronic
    /// Diffusion coefficients from GITT pulses.
    case gitt
}
