import Electrochemistry

/// One protocol cycle's figures.
///
/// `CycleSummaries` starts a cycle at each charge that follows a discharge;
/// a protocol cycle that discharges before it charges spans two of those, so
/// their charges and energies are added up and the ratios taken over the sums.
struct CycleFigures {
    var charge = 0.0, discharge = 0.0, chargeEnergy = 0.0, dischargeEnergy = 0.0
    /// ΔV/ΔI 10 s into the cycle's discharge, from the rest before it.
    var dcResistance: InterruptionResistance?
    /// The median magnitude of the cycle's discharging currents (A): the
    /// condition its capacity was measured at.
    var dischargeCurrent: Double?

    /// - Parameters:
    ///   - samples: the cycle's samples, after the last sample recorded before
    ///     it (if any). Each sample counts the interval since the one before,
    ///     so that sample fixes where the cycle's first interval starts, and a
    ///     current step into the cycle is measured across it; its own charge
    ///     belongs to the cycle before. At rest it counts none; with the other
    ///     sign it starts a part of its own, dropped here. With the same sign
    ///     it would be counted, so it is left out and the first interval is
    ///     taken to equal the second, as `CycleSummaries` does.
    ///   - cycle: the protocol cycle's number.
    init(_ samples: [RecordedSample], cycle: Int) throws(AnalysisError) {
        guard let firstIndex = samples.firstIndex(where: { $0.cycle == cycle }) else {
            throw AnalysisError(.noSignal, "cycle \(cycle) recorded no sample", field: "cycle")
        }
        let first = samples[firstIndex]
        // A rest reads noise; a current flowing reads more than 1 % of the cycle's first.
        let carriesSameCurrent = { (s: RecordedSample) in s.current * first.current > 0 && abs(s.current) > 0.01 * abs(first.current) }
        let record = samples[..<firstIndex].last.map(carriesSameCurrent) == true ? Array(samples[firstIndex...]) : samples
        let parts = try CycleSummaries.summarise(record.intervalMeanTrace).filter { $0.end >= first.time }
        for part in parts {
            charge += part.chargeCapacity
            discharge += part.dischargeCapacity
            chargeEnergy += part.chargeEnergy
            dischargeEnergy += part.dischargeEnergy
        }
        // Readings as taken (not interval means): the voltage the instant the current stops matters.
        let cycleSamples = Array(samples[firstIndex...]).trace
        let peak = cycleSamples.map { abs($0.current) }.max() ?? 0
        dcResistance = InterruptionResistance.measure(cycleSamples, at: .startOfDischarge, delay: InterruptionResistance.defaultDelay,
                                                      rest: 0.01 * peak)
        dischargeCurrent = RetentionReferences.typicalDischargeCurrent(cycleSamples.map(\.current), rest: 0.01 * peak)
    }

    /// Figures that point to a measurement or protocol problem rather than the cell.
    var warnings: [String] {
        CoulombicEfficiencyCheck.warning(charge: charge, discharge: discharge).map { [$0] } ?? []
    }

    var values: [AnalysisResult.Value] {
        var values: [AnalysisResult.Value] = [
            .init(name: "charge capacity", value: charge, unit: "C"),
            .init(name: "discharge capacity", value: discharge, unit: "C"),
            .init(name: "charge energy", value: chargeEnergy, unit: "J"),
            .init(name: "discharge energy", value: dischargeEnergy, unit: "J"),
        ]
        if charge > 0 { values.append(.init(name: "coulombic efficiency", value: discharge / charge, unit: "1")) }
        // A symmetric cell's voltage changes sign with the current: its energies are not an efficiency.
        if chargeEnergy > 0, dischargeEnergy > 0 {
            values.append(.init(name: "energy efficiency", value: dischargeEnergy / chargeEnergy, unit: "1"))
        }
        let meanCharge = charge > 0 ? chargeEnergy / charge : nil, meanDischarge = discharge > 0 ? dischargeEnergy / discharge : nil
        if let meanCharge { values.append(.init(name: "mean charge voltage", value: meanCharge, unit: "V")) }
        if let meanDischarge { values.append(.init(name: "mean discharge voltage", value: meanDischarge, unit: "V")) }
        if let meanCharge, let meanDischarge {
            values.append(.init(name: "overpotential", value: (meanCharge - meanDischarge) / 2, unit: "V"))
        }
        if let dcResistance { values.append(.init(name: dcResistance.label, value: dcResistance.resistance, unit: "Ω")) }
        return values
    }
}
