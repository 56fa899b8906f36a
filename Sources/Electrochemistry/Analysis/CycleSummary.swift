/// Per-cycle figures of a galvanostatic (or any) cycling record.
///
/// **What a cycle is.** A cycle starts at the first sample of the record, and
/// a new one starts at every charge sample (I > rest current) that follows a
/// discharge sample (I < −rest current) with only rest samples between them.
/// Rests belong to the cycle they fall in. So a record that starts charged and
/// discharges first has a first cycle of one discharge, and every later
/// cycle is charge-then-discharge, the convention of most cyclers (BDF's
/// cycle count). Positive current charges the cell.
///
/// **How charge is counted.** Each sample reports the interval ending at it
/// (integrating instruments, and the simulated bench, report that way), so
/// sample k contributes I_k·(t_k − t_{k−1}). The first sample's interval is
/// taken to equal the second's, as for regular sampling from a start at rest.
public struct CycleSummary: Sendable, Hashable {
    /// 1-based cycle number.
    public var index: Int
    /// Time of the cycle's first and last samples (s).
    public var start: Double
    public var end: Double
    /// Charge in and out (C) and energy in and out (J), all positive.
    public var chargeCapacity: Double
    public var dischargeCapacity: Double
    public var chargeEnergy: Double
    public var dischargeEnergy: Double
    /// Discharge over charge, for charge and for energy; nil without a charge
    /// (and the energy's nil when either energy is not positive, as on a symmetric cell).
    public var coulombicEfficiency: Double?
    public var energyEfficiency: Double?
    /// Charge-weighted mean voltages (energy/charge, V); nil for a missing half.
    public var meanChargeVoltage: Double?
    public var meanDischargeVoltage: Double?
    /// (mean charge − mean discharge)/2 (V): the polarisation each way.
    public var overpotential: Double?
    /// DC resistance `resistanceDelay` into the cycle's discharge, from the rest
    /// before it (see `InterruptionResistance`); nil when the discharge does not
    /// start from a rest or is shorter.
    public var dcResistance: InterruptionResistance?
    /// The median magnitude of the discharging currents (A), nil without a discharge.
    public var dischargeCurrent: Double?
    /// Discharge capacity over that of the first earlier cycle that discharged
    /// at the same current (`RetentionReferences`); nil when there is none.
    public var retention: Double?

    /// Figures that point to a measurement or protocol problem rather than the cell.
    public var warnings: [String] {
        CoulombicEfficiencyCheck.warning(charge: chargeCapacity, discharge: dischargeCapacity).map { [$0] } ?? []
    }
}

public enum CycleSummaries {
    /// Summarises every cycle of a record.
    ///
    /// - Parameters:
    ///   - restCurrent: |I| at or below which a sample is a rest (A); by
    ///     default 0.1 % of the record's largest |I|, above instrument noise.
    ///   - resistanceDelay: how long into the discharge the DC resistance is read (s).
    /// - Throws: `AnalysisError` for a bad record or one without current.
    public static func summarise(_ samples: [TraceSample], restCurrent: Double? = nil,
                                 resistanceDelay: Double = InterruptionResistance.defaultDelay) throws(AnalysisError) -> [CycleSummary] {
        try samples.validateTrace(minimumCount: 2)
        let peak = samples.map { abs($0.current) }.max() ?? 0
        guard peak > 0 else {
            throw AnalysisError(.noSignal, "no current flows in the record: no cycle to summarise", field: "current")
        }
        let rest = restCurrent ?? 1e-3 * peak
        guard rest.isFinite, rest >= 0, rest < peak else {
            throw AnalysisError(.invalidParameter, "rest current \(rest) A must be between 0 and the largest current \(peak) A", field: "restCurrent")
        }
        var cycles: [[Int]] = [[]]
        var lastActiveSign = 0
        for k in samples.indices {
            let i = samples[k].current
            let sign = i > rest ? 1 : (i < -rest ? -1 : 0)
            if sign == 1, lastActiveSign == -1 { cycles.append([]) }
            if sign != 0 { lastActiveSign = sign }
            cycles[cycles.count - 1].append(k)
        }
        var summaries: [CycleSummary] = []
        var references = RetentionReferences()
        for (n, indices) in cycles.enumerated() where !indices.isEmpty {
            var summary = summarise(samples, indices, rest: rest, resistanceDelay: resistanceDelay, index: n + 1)
            summary.retention = references.retention(ofDischarge: summary.dischargeCapacity, at: summary.dischargeCurrent)
            summaries.append(summary)
        }
        return summaries
    }

    private static func summarise(_ s: [TraceSample], _ indices: [Int], rest: Double, resistanceDelay: Double,
                                  index: Int) -> CycleSummary {
        var qIn = 0.0, qOut = 0.0, eIn = 0.0, eOut = 0.0
        for k in indices {
            let dt = s.interval(at: k)
            let i = s[k].current, v = s[k].voltage
            if i > rest { qIn += i * dt; eIn += i * v * dt }
            if i < -rest { qOut -= i * dt; eOut -= i * v * dt }
        }
        let vIn = qIn > 0 ? eIn / qIn : nil, vOut = qOut > 0 ? eOut / qOut : nil
        return CycleSummary(
            index: index, start: s[indices[0]].time, end: s[indices[indices.count - 1]].time,
            chargeCapacity: qIn, dischargeCapacity: qOut, chargeEnergy: eIn, dischargeEnergy: eOut,
            coulombicEfficiency: qIn > 0 ? qOut / qIn : nil,
            // A symmetric cell's voltage changes sign with the current: its energies are not an efficiency.
            energyEfficiency: eIn > 0 && eOut > 0 ? eOut / eIn : nil,
            meanChargeVoltage: vIn, meanDischargeVoltage: vOut,
            overpotential: vIn.flatMap { a in vOut.map { (a - $0) / 2 } },
            dcResistance: InterruptionResistance.measure(indices.map { s[$0] }, at: .startOfDischarge, delay: resistanceDelay, rest: rest),
            dischargeCurrent: RetentionReferences.typicalDischargeCurrent(indices.map { s[$0].current }, rest: rest),
            retention: nil)
    }
}
