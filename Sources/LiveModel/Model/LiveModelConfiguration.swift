import CyclerConfiguration

/// Everything one channel's live model is built from: the cell, the
/// estimators' settings and the detectors' thresholds.
public struct LiveModelConfiguration: Sendable {
    /// What the cell's OCV table is measured against.
    public enum OpenCircuitReference: String, Sendable, Hashable, CaseIterable {
        /// The table is the cell's own voltage (what a cycler measures).
        case cell
        /// The table is the working electrode vs Li/Li⁺ (a half-cell curve):
        /// the cell reads it lower by the cell's reference offset.
        case lithium
    }

    public enum CellKind: Sendable, Hashable {
        /// Has an OCV curve and a capacity: SOC is estimated.
        case full
        /// Li|SE|Li: no SOC, polarisation is the signal.
        case symmetric
        /// Blocking electrodes or no capacity: resistances only.
        case other
    }

    public var kind: CellKind
    /// m², C: the cell's electrode area and nominal capacity.
    public var area: Double?
    public var capacity: Double?
    /// The OCV curve in the cell's own voltage (offset applied).
    public var curve: OpenCircuitCurve?
    /// Stack growth per coulomb stored (m/C); 0 when the chemistry is unknown.
    public var growthPerCharge: Double
    /// Pa: the pressure the rig applies, when known before the first reading.
    public var appliedPressure: Double?
    /// Starting SOC and its standard deviation; nil reads it off the first
    /// voltage, less the prior circuit's drop under the first current.
    public var initialStateOfCharge: Double?
    public var initialSigma = 0.3
    /// The circuit before the first step identifies one (nil: wait for a step).
    public var initialCircuit: EquivalentCircuit?
    /// A: currents at or below this are rest.
    public var restCurrent: Double
    public var thresholds = DetectorThresholds()
    public var filterTuning = StateOfChargeFilter.Tuning()
    public var steps = StepResponseTracker.Settings()
    public var identification = CircuitIdentifier.Settings()
    public var pressure = StackPressureModel.Settings()

    public init(kind: CellKind, area: Double?, capacity: Double?, curve: OpenCircuitCurve?, growthPerCharge: Double,
                restCurrent: Double) {
        self.kind = kind
        self.area = area
        self.capacity = capacity
        self.curve = curve
        self.growthPerCharge = growthPerCharge
        self.restCurrent = restCurrent
    }

    /// Builds a configuration from a cell file.
    ///
    /// - Parameters:
    ///   - reference: what the file's `ocv` table is measured against.
    /// - Throws: `LiveModelError` when a full cell lacks the capacity or OCV
    ///   table SOC needs, or the table is unusable.
    public init(cell: CellDescription, ocvReference reference: OpenCircuitReference = .cell) throws(LiveModelError) {
        let area = cell.area
        switch cell.kind {
        case .full:
            guard let capacity = cell.capacity else {
                throw .missingCellProperty(field: "capacity", reason: "SOC counts charge against it, e.g. capacity: 1.57 mAh")
            }
            guard let table = cell.openCircuitVoltage else {
                throw .missingCellProperty(field: "ocv", reason: "SOC needs the OCV(SOC) table, e.g. ocv: {soc: [0, 0.5, 1], voltage: [2.9, 3.3, 3.6]}; learn one from a C/20 cycle with OpenCircuitLearner")
            }
            var curve = try OpenCircuitCurve(table)
            if reference == .lithium { curve = curve.shifted(by: -cell.referenceOffset) }
            let growth = area.flatMap {
                ElectrodeStrain.growthPerCharge(chemistry: cell.chemistry, area: $0, capacity: capacity, activeMass: cell.activeMass)
            }
            self.init(kind: .full, area: area, capacity: capacity, curve: curve, growthPerCharge: growth ?? 0,
                      restCurrent: max(1e-9, capacity / 3600 * 1e-4))
        case .symmetricLithium:
            self.init(kind: .symmetric, area: area, capacity: nil, curve: nil, growthPerCharge: 0,
                      restCurrent: max(1e-9, (area ?? 1e-4) * 1e-3))
        case .ionBlocking, .electronBlocking:
            self.init(kind: .other, area: area, capacity: cell.capacity, curve: nil, growthPerCharge: 0,
                      restCurrent: 1e-9)
        }
    }
}
