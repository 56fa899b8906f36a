import CyclerConfiguration
import Hummingbird
import Storage

/// One cycle's voltage against capacity, charge and discharge apart, in mAh
/// and, when the job's cell file gives its active mass, in mAh/g.
public struct CycleCurveView: ResponseCodable, Sendable {
    public struct Branch: Codable, Sendable {
        public var capacity_mAh: [Double]
        /// Nil when the cell file gives no active mass.
        public var specificCapacity_mAhPerG: [Double]?
        public var voltage_V: [Double]

        init(_ points: [CycleCurve.Point], activeMass grams: Double?) {
            capacity_mAh = points.map { $0.capacity * 1_000 }
            specificCapacity_mAhPerG = grams.map { g in points.map { $0.capacity * 1_000 / g } }
            voltage_V = points.map(\.voltage)
        }
    }

    public var cycle: Int
    /// From the cell file the job was submitted with.
    public var activeMass_g: Double?
    public var charge: Branch
    public var discharge: Branch

    init(_ curve: CycleCurve, cell: CellDescription?) {
        let grams = cell?.activeMass.flatMap { $0 > 0 ? $0 * 1_000 : nil }
        cycle = curve.cycle
        activeMass_g = grams
        charge = Branch(curve.charge, activeMass: grams)
        discharge = Branch(curve.discharge, activeMass: grams)
    }
}
