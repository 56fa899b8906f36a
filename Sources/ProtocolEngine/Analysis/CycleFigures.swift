import Electrochemistry

/// One protocol cycle's figures.
///
/// `CycleSummaries` starts a cycle at each charge that follows a discharge;
/// a protocol cycle that discharges before it charges spans two of those, so
/// their charges and energies are added up and the ratios taken over the sums.
struct CycleFigures {
    var charge = 0.0, discharge = 0.0, chargeEnergy = 0.0, dischargeEnergy = 0.0
    /// Mean ΔV/ΔI over the current steps (Ω) and how many there were.
    var dcResistance: Double?
    var currentSteps = 0

    init(_ samples: [RecordedSample]) throws(AnalysisError) {
        let parts = try CycleSummaries.summarise(samples.trace)
        var resistanceSum = 0.0
        for part in parts {
            charge += part.chargeCapacity
            discharge += part.dischargeCapacity
            chargeEnergy += part.chargeEnergy
            dischargeEnergy += part.dischargeEnergy
            currentSteps += part.currentSteps
            resistanceSum += (part.dcResistance ?? 0) * Double(part.currentSteps)
        }
        if currentSteps > 0 { dcResistance = resistanceSum / Double(currentSteps) }
    }

    var values: [AnalysisResult.Value] {
        var values: [AnalysisResult.Value] = [
            .init(name: "charge capacity", value: charge, unit: "C"),
            .init(name: "discharge capacity", value: discharge, unit: "C"),
            .init(name: "charge energy", value: chargeEnergy, unit: "J"),
            .init(name: "discharge energy", value: dischargeEnergy, unit: "J"),
        ]
        if charge > 0 {
            values.append(.init(name: "coulombic efficiency", value: discharge / charge, unit: "1"))
            values.append(.init(name: "energy efficiency", value: dischargeEnergy / chargeEnergy, unit: "1"))
        }
        let meanCharge = charge > 0 ? chargeEnergy / charge : nil, meanDischarge = discharge > 0 ? dischargeEnergy / discharge : nil
        if let meanCharge { values.append(.init(name: "mean charge voltage", value: meanCharge, unit: "V")) }
        if let meanDischarge { values.append(.init(name: "mean discharge voltage", value: meanDischarge, unit: "V")) }
        if let meanCharge, let meanDischarge {
            values.append(.init(name: "overpotential", value: (meanCharge - meanDischarge) / 2, unit: "V"))
        }
        if let dcResistance { values.append(.init(name: "DC resistance", value: dcResistance, unit: "Ω")) }
        return values
    }
}
