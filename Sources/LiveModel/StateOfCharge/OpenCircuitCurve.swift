import CyclerConfiguration

/// OCV against state of charge, interpolated linearly between table points.
///
/// Linear interpolation reproduces a dense measured table exactly and never
/// overshoots between sparse points, so the curve stays monotone wherever the
/// table is. Past either end it continues with the end segment's slope (at
/// least `overrunSlope`), so an estimator that strays outside [0, 1] is pulled
/// back by the voltage instead of seeing a flat curve.
public struct OpenCircuitCurve: Sendable, Hashable {
    public let stateOfCharge: [Double]
    public let voltage: [Double]
    /// Slope used past either end (V per unit SOC), at least.
    public static let overrunSlope = 50.0

    /// - Throws: `LiveModelError.invalidOpenCircuitTable` unless SOC rises
    ///   strictly, there are two or more points, and both arrays match.
    public init(stateOfCharge: [Double], voltage: [Double]) throws(LiveModelError) {
        guard stateOfCharge.count >= 2, stateOfCharge.count == voltage.count else {
            throw .invalidOpenCircuitTable("needs two or more (SOC, voltage) points of equal count, got \(stateOfCharge.count) and \(voltage.count)")
        }
        guard zip(stateOfCharge, stateOfCharge.dropFirst()).allSatisfy({ $0 < $1 }) else {
            throw .invalidOpenCircuitTable("SOC must increase strictly")
        }
        guard voltage.allSatisfy(\.isFinite), stateOfCharge.allSatisfy(\.isFinite) else {
            throw .invalidOpenCircuitTable("every SOC and voltage must be a finite number")
        }
        self.stateOfCharge = stateOfCharge
        self.voltage = voltage
    }

    /// The cell file's table.
    public init(_ table: OpenCircuitTable) throws(LiveModelError) {
        try self.init(stateOfCharge: table.stateOfCharge, voltage: table.voltage)
    }

    /// The same curve shifted by `offset` volts (a table vs Li/Li⁺ read against Li-In, say).
    public func shifted(by offset: Double) -> OpenCircuitCurve {
        // Shifting keeps every invariant the initialiser checked.
        OpenCircuitCurve(checkedSOC: stateOfCharge, voltage: voltage.map { $0 + offset })
    }

    private init(checkedSOC: [Double], voltage: [Double]) {
        self.stateOfCharge = checkedSOC
        self.voltage = voltage
    }

    /// The OCV a cell of this table can have: its lowest to its highest point.
    public var voltageRange: ClosedRange<Double> { (voltage.min() ?? 0)...(voltage.max() ?? 0) }

    /// OCV at `soc` and its slope dV/dSOC.
    @inlinable
    public func evaluate(_ soc: Double) -> (value: Double, slope: Double) {
        let n = stateOfCharge.count
        if soc <= stateOfCharge[0] {
            let s = max((voltage[1] - voltage[0]) / (stateOfCharge[1] - stateOfCharge[0]), Self.overrunSlope)
            return (voltage[0] + s * (soc - stateOfCharge[0]), s)
        }
        if soc >= stateOfCharge[n - 1] {
            let s = max((voltage[n - 1] - voltage[n - 2]) / (stateOfCharge[n - 1] - stateOfCharge[n - 2]), Self.overrunSlope)
            return (voltage[n - 1] + s * (soc - stateOfCharge[n - 1]), s)
        }
        var lo = 0, hi = n - 1
        while hi - lo > 1 {
            let mid = (lo + hi) >> 1
            if stateOfCharge[mid] <= soc { lo = mid } else { hi = mid }
        }
        let slope = (voltage[hi] - voltage[lo]) / (stateOfCharge[hi] - stateOfCharge[lo])
        return (voltage[lo] + slope * (soc - stateOfCharge[lo]), slope)
    }

    /// The SOC whose OCV is `v`, for a curve that rises; clamped to the table's ends.
    public func stateOfCharge(at v: Double) -> Double {
        let n = voltage.count
        if v <= voltage[0] { return stateOfCharge[0] }
        if v >= voltage[n - 1] { return stateOfCharge[n - 1] }
        guard let hi = voltage.firstIndex(where: { $0 >= v }), hi > 0 else { return stateOfCharge[0] }
        let lo = hi - 1
        let dv = voltage[hi] - voltage[lo]
        let t = dv > 0 ? (v - voltage[lo]) / dv : 0
        return stateOfCharge[lo] + t * (stateOfCharge[hi] - stateOfCharge[lo])
    }

    /// The table in the cell file's form, to store a learned curve.
    public var table: OpenCircuitTable { OpenCircuitTable(stateOfCharge: stateOfCharge, voltage: voltage) }
}
