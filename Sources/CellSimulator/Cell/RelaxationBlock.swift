import Electrochemistry

/// One series part of the cell's ionic path (an arc, a Warburg, a double
/// layer) with its time-domain state.
///
/// Its shape is fixed; only its resistance and time scale change as the cell
/// ages, so the block keeps a unit-shape ladder and rescales it. It rebuilds
/// its stepper only when either scale has drifted by more than `tolerance`,
/// which keeps per-sample cost flat over months of simulated time.
struct RelaxationBlock: Sendable {
    /// The block's Foster form at unit resistance and unit time scale.
    let unitShape: FosterNetwork
    private(set) var stepper: CircuitStepper
    private(set) var resistance: Double
    private(set) var timeScale: Double
    static let tolerance = 1e-3

    init(unitShape: FosterNetwork, resistance: Double, timeScale: Double) {
        self.unitShape = unitShape
        self.resistance = resistance
        self.timeScale = timeScale
        self.stepper = CircuitStepper(network: unitShape.scaled(resistance: resistance, time: timeScale))
    }

    /// Brings the block to new scales, keeping its state. A change of
    /// resistance alone (a Warburg following the OCV slope) only scales the
    /// stepper's coefficients; a new time scale rebuilds them.
    mutating func rescale(resistance r: Double, timeScale t: Double) {
        if abs(t - timeScale) > Self.tolerance * timeScale {
            resistance = r
            timeScale = t
            stepper.update(network: unitShape.scaled(resistance: r, time: t))
        } else if abs(r - resistance) > Self.tolerance * resistance {
            stepper.scaleResistances(by: r / resistance)
            resistance = r
        }
    }

    mutating func affineResponse(dt: Double, drive: CircuitStepper.Drive = .linearCurrent) -> (offset: Double, slope: Double) {
        stepper.affineResponse(dt: dt, drive: drive)
    }

    /// - Returns: the block's output at the end of the step.
    @discardableResult
    mutating func step(current: Double, dt: Double, drive: CircuitStepper.Drive = .linearCurrent) -> Double {
        stepper.step(current: current, dt: dt, drive: drive)
    }
}
