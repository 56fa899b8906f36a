import Electrochemistry

extension ElectrochemistryAnalyses {
    /// The critical current density from the job's recorded plating/stripping
    /// ramp: the last current density completed without a short.
    func criticalCurrentDensity(_ request: AnalysisRequest) throws -> AnalysisResult {
        guard let area = request.cell.area, area > 0 else {
            throw AnalysisError(.invalidParameter, "cell \(request.cell.name) has no area; a current density needs one", field: "area")
        }
        let result = try CriticalCurrentDensity.analyse(request.samples.trace, area: area)
        var values: [AnalysisResult.Value] = []
        if let ccd = result.lastStableCurrentDensity { values.append(.init(name: "CCD", value: ccd, unit: "A/m²")) }
        if let failing = result.firstFailingCurrentDensity {
            values.append(.init(name: "first failing current density", value: failing, unit: "A/m²"))
        }
        if let time = result.shortTime { values.append(.init(name: "short time", value: time, unit: "s")) }
        values.append(.init(name: "cumulative plated charge", value: result.cumulativePlatedCharge, unit: "C/m²"))
        for level in result.levels where level.isStable {
            let at = "at \(Quantity(level.currentDensity, .arealCurrent).labText(significantDigits: 3))"
            if let plating = level.platingOverpotential { values.append(.init(name: "plating overpotential \(at)", value: plating, unit: "V")) }
            if let stripping = level.strippingOverpotential {
                values.append(.init(name: "stripping overpotential \(at)", value: stripping, unit: "V"))
            }
        }
        let note = switch (result.lastStableCurrentDensity, result.firstFailingCurrentDensity) {
        case (_, nil): "no short in \(result.levels.count) levels: the CCD is above the last level"
        case (nil, _): "the first level already shorted: the CCD is below it"
        case (_, _): "CCD = the last current density completed without a short"
        }
        return AnalysisResult(kind: .ccd, values: values, note: note)
    }
}
