import Numerics

/// A circuit in Foster form:
/// `Z(s) = R∞ + s·L + S/s + Σ R_k/(1 + s·τ_k)`.
///
/// Every passive RC-type impedance (resistors, capacitors, CPEs, Warburgs,
/// transmission lines and any series or parallel mix of them) has this form
/// with positive `R_k` (its distribution of relaxation times). That is what
/// makes it the right shape for time stepping: each branch is one first-order
/// state that can be integrated exactly, so the stepper is stable at any `dt`.
public struct FosterNetwork: Sendable, Hashable {
    /// One parallel RC pair in series: resistance and time constant τ = RC.
    public struct Branch: Sendable, Hashable {
        public var resistance: Double
        public var timeConstant: Double
        public init(resistance: Double, timeConstant: Double) {
            self.resistance = resistance
            self.timeConstant = timeConstant
        }
    }

    /// R∞, the resistance seen at infinite frequency (Ω).
    public var seriesResistance: Double
    /// Series inductance (H).
    public var inductance: Double
    /// Elastance `1/C` of a series capacitor (1/F); 0 means none (DC passes).
    public var elastance: Double
    /// The relaxation branches.
    public var branches: [Branch]

    public init(seriesResistance: Double = 0, inductance: Double = 0, elastance: Double = 0, branches: [Branch] = []) {
        self.seriesResistance = seriesResistance
        self.inductance = inductance
        self.elastance = elastance
        self.branches = branches
    }

    /// The network's impedance at angular frequency `omega`.
    public func impedance(omega: Double) -> Complex<Double> {
        var z = Complex(seriesResistance, omega * inductance - (elastance > 0 ? elastance / omega : 0))
        for b in branches {
            z += Complex(b.resistance) / Complex(1, omega * b.timeConstant)
        }
        return z
    }

    /// DC resistance if the network passes DC (no series capacitor).
    public var dcResistance: Double {
        seriesResistance + branches.reduce(0) { $0 + $1.resistance }
    }

    /// Two networks in series.
    public static func + (a: FosterNetwork, b: FosterNetwork) -> FosterNetwork {
        FosterNetwork(seriesResistance: a.seriesResistance + b.seriesResistance,
                      inductance: a.inductance + b.inductance,
                      elastance: a.elastance + b.elastance,
                      branches: a.branches + b.branches)
    }

    /// The same shape with resistances times `resistanceFactor` and time
    /// constants times `timeFactor`.
    ///
    /// A ZARC or Warburg keeps its shape when R or τ change, so a simulator can
    /// expand it once and rescale it cheaply as the cell ages.
    public func scaled(resistance resistanceFactor: Double, time timeFactor: Double) -> FosterNetwork {
        FosterNetwork(seriesResistance: seriesResistance * resistanceFactor,
                      inductance: inductance * resistanceFactor * timeFactor,
                      elastance: elastance * resistanceFactor / timeFactor,
                      branches: branches.map {
                          Branch(resistance: $0.resistance * resistanceFactor, timeConstant: $0.timeConstant * timeFactor)
                      })
    }

    /// Folds branches much faster than `dt` into the series resistance.
    ///
    /// A branch with τ < dt/`ratio` settles within a step, so as a state it
    /// costs time and adds nothing; as a resistor it is exact to e^(−ratio).
    public func reduced(forStep dt: Double, ratio: Double = 30) -> FosterNetwork {
        var result = self
        result.branches = []
        for b in branches {
            if b.timeConstant * ratio < dt {
                result.seriesResistance += b.resistance
            } else {
                result.branches.append(b)
            }
        }
        return result
    }
}
