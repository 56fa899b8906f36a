import Electrochemistry
import Numerics

/// Follows a cell's impedance spectrum by spectrum: a warm-started refit of
/// its circuit, the resistances split into bulk, grain boundary and
/// interface, each kept as a series with its growth rate, and a model-free
/// high-frequency intercept beside them as a check on the fit.
public struct ImpedanceTracker: Sendable {
    /// What one spectrum gave.
    public struct Reading: Sendable, Hashable {
        public var time: Double
        /// Ω: the HF intercept read from the Nyquist plot itself (no fit).
        public var highFrequencyIntercept: Double?
        /// The fitted resistances, by element; empty without a fitter.
        public var resistances: [AssignedResistance]
        /// Ω, the sum per part; nil when the circuit has none of that part.
        public func total(_ part: ImpedancePart) -> Double? {
            let matching = resistances.filter { $0.part == part }
            return matching.isEmpty ? nil : matching.reduce(0) { $0 + $1.resistance }
        }
    }

    /// The circuit refitted to every spectrum; nil tracks the intercept only.
    public let circuit: Circuit?
    /// The parameters the next refit starts from.
    public private(set) var parameters: [Double]
    private let refitter: (any CircuitRefitting)?
    /// cm⁻¹, for assigning arcs by capacitance.
    public let cellConstant: Double
    public private(set) var readings: [Reading] = []
    /// One series per part, and the intercept's.
    public private(set) var series: [ImpedancePart: ResistanceHistory] = [:]
    public private(set) var interceptSeries = ResistanceHistory()

    /// - Parameters:
    ///   - circuit: the cell's circuit, e.g. `L0-R0-p(R1,CPE1)-p(R2,CPE2)`.
    ///   - initial: starting parameters in the circuit's order.
    ///   - refitter: the fitter; without one only the intercept is tracked.
    ///   - cellConstant: electrolyte thickness over area (cm⁻¹); 1 if unknown.
    /// - Throws: `LiveModelError.invalidCircuitStart` unless `initial` has one value per parameter.
    public init(circuit: Circuit, initial: [Double], refitter: any CircuitRefitting, cellConstant: Double) throws(LiveModelError) {
        guard initial.count == circuit.parameterCount else {
            throw .invalidCircuitStart("\(circuit) takes \(circuit.parameterCount) parameters (\(circuit.parameterNames.joined(separator: ", "))), got \(initial.count)")
        }
        self.circuit = circuit
        self.parameters = initial
        self.refitter = refitter
        self.cellConstant = cellConstant
    }

    /// A tracker of the model-free high-frequency intercept alone, for when
    /// no fitter is at hand.
    public init(cellConstant: Double) {
        self.circuit = nil
        self.parameters = []
        self.refitter = nil
        self.cellConstant = cellConstant
    }

    /// Refits `spectrum` and records its resistances.
    ///
    /// - Throws: the fitter's error; the warm start then stays where it was,
    ///   and the intercept is still recorded.
    public mutating func ingest(_ spectrum: ImpedanceMeasurement, cycle: Int) throws -> Reading {
        let points = zip(spectrum.frequencies, spectrum.impedance).map { (frequency: $0, impedance: $1) }
        var reading = Reading(time: spectrum.time, highFrequencyIntercept: HighFrequencyIntercept.estimate(points), resistances: [])
        if let intercept = reading.highFrequencyIntercept {
            interceptSeries.append(time: spectrum.time, cycle: cycle, resistance: intercept)
        }
        defer { readings.append(reading) }
        guard let refitter, let circuit else { return reading }
        let fit = try refitter.refit(spectrum, circuit: circuit, initial: parameters)
        parameters = fit.parameters
        reading.resistances = ArcAssignment.assign(circuit, parameters: fit.parameters, standardErrors: fit.standardErrors,
                                                   cellConstant: cellConstant)
        for part in ImpedancePart.allCases {
            guard let total = reading.total(part) else { continue }
            series[part, default: ResistanceHistory()].append(time: spectrum.time, cycle: cycle, resistance: total)
        }
        return reading
    }

    /// The part of the latest spectrum a DC current step's jump should show:
    /// every resistance whose arc relaxes well within `delay` seconds (five
    /// time constants), so DC and EIS can be compared like for like.
    public func expectedOhmic(jumpDelay delay: Double) -> Double? {
        guard let last = readings.last, !last.resistances.isEmpty else { return nil }
        return last.resistances.reduce(0) { sum, r in
            sum + ((r.timeConstant ?? 0) * 5 <= delay ? r.resistance : 0)
        }
    }
}
