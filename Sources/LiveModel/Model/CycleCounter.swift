/// Splits the current into half-cycles and cycles, and measures each.
///
/// A half-cycle ends where the net charge turns back by more than
/// `turnCharge`: a drive cycle's short regenerative pulses stay inside one
/// half-cycle of a full cell, while a symmetric cell (turnCharge 0) turns at
/// every sign change. A cycle is a charge half followed by a discharge half
/// (plating then stripping for Li|Li).
public struct CycleCounter: Sendable {
    /// One finished half-cycle.
    public struct HalfCycle: Sendable, Hashable {
        public var isCharge: Bool
        public var startTime: Double
        public var endTime: Double
        /// C: charge moved (positive).
        public var charge: Double
        /// V: mean |V − OCV| while current flowed (the overpotential).
        public var meanOverpotential: Double
        public init(isCharge: Bool, startTime: Double, endTime: Double, charge: Double, meanOverpotential: Double) {
            self.isCharge = isCharge
            self.startTime = startTime
            self.endTime = endTime
            self.charge = charge
            self.meanOverpotential = meanOverpotential
        }
    }

    /// One finished cycle.
    public struct Cycle: Sendable, Hashable {
        public var index: Int
        public var charge: HalfCycle
        public var discharge: HalfCycle
        /// Discharge over charge capacity.
        public var coulombicEfficiency: Double { charge.charge > 0 ? discharge.charge / charge.charge : 0 }
    }

    public let turnCharge: Double
    /// A: currents at or below this magnitude are rest.
    public let restCurrent: Double
    /// Cycles finished so far.
    public private(set) var completedCycles = 0
    private var lastCharge: HalfCycle?
    private var netCharge = 0.0
    private var direction = 0.0
    private var extreme = 0.0
    private var extremeTime = 0.0
    private var halfStart = 0.0
    private var halfStartCharge = 0.0
    private var overpotentialSum = 0.0
    private var overpotentialTime = 0.0

    public init(turnCharge: Double, restCurrent: Double) {
        self.turnCharge = turnCharge
        self.restCurrent = restCurrent
    }

    /// Feeds `current` held over `dt` ending at `time`, with the overpotential
    /// |V − OCV|. Returns a half-cycle (and a cycle, when a discharge half
    /// closes one) when it ends.
    public mutating func update(time: Double, dt: Double, current: Double, overpotential: Double) -> (half: HalfCycle, cycle: Cycle?)? {
        netCharge += current * dt
        guard abs(current) > restCurrent else { return nil }
        let sign: Double = current > 0 ? 1 : -1
        if direction == 0 {
            begin(direction: sign, time: time - dt)
        }
        var finished: (HalfCycle, Cycle?)?
        let beyond = direction > 0 ? netCharge > extreme : netCharge < extreme
        if beyond {
            extreme = netCharge
            extremeTime = time
        } else if sign != direction, abs(netCharge - extreme) > turnCharge {
            let half = HalfCycle(isCharge: direction > 0, startTime: halfStart, endTime: extremeTime,
                                 charge: abs(extreme - halfStartCharge),
                                 meanOverpotential: overpotentialTime > 0 ? overpotentialSum / overpotentialTime : 0)
            var cycle: Cycle?
            if half.isCharge {
                lastCharge = half
            } else if let charge = lastCharge {
                completedCycles += 1
                cycle = Cycle(index: completedCycles, charge: charge, discharge: half)
                lastCharge = nil
            }
            finished = (half, cycle)
            let turnedAt = extreme
            begin(direction: sign, time: extremeTime)
            halfStartCharge = turnedAt
            extreme = netCharge
            extremeTime = time
        }
        overpotentialSum += overpotential * dt
        overpotentialTime += dt
        return finished
    }

    private mutating func begin(direction sign: Double, time: Double) {
        direction = sign
        halfStart = time
        halfStartCharge = netCharge
        extreme = netCharge
        extremeTime = time
        overpotentialSum = 0
        overpotentialTime = 0
    }
}
