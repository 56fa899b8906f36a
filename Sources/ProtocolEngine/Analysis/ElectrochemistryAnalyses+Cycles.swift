import Electrochemistry

extension ElectrochemistryAnalyses {
    /// Cycle summaries by the protocol's own cycles (a counted loop's
    /// iterations, see `Loop`): the protocol, not the current's sign, says
    /// what a cycle is.
    ///
    /// At the end of each cycle the request holds that cycle's samples and
    /// gets one summary, with retention against the job's first cycle that
    /// discharged. An `analyse: cycles` step gets every sample so far and
    /// summarises each cycle in it, its values prefixed "cycle N:".
    func cycleSummary(_ request: AnalysisRequest) throws -> AnalysisResult {
        let note = "positive current charges; DC resistance at the sampling interval's timescale; "
            + "retention against the job's first cycle that discharged"
        if let cycle = request.cycle {
            let figures = try CycleFigures(request.samples)
            var values = figures.values
            if let reference = retentionReference.reference(offering: figures.discharge) {
                values.append(.init(name: "retention", value: figures.discharge / reference, unit: "1"))
            }
            return AnalysisResult(kind: .cycles, values: values, cycle: cycle, note: note)
        }
        let numbers = Set(request.samples.map(\.cycle)).filter { $0 > 0 }.sorted()
        guard !numbers.isEmpty else {
            throw AnalysisError(.noSignal, "no counted cycle has run yet; mark a loop with cycle: true", field: "cycle")
        }
        var values: [AnalysisResult.Value] = []
        var reference: Double?
        for number in numbers {
            let figures = try CycleFigures(request.samples.filter { $0.cycle == number })
            if reference == nil, figures.discharge > 0 { reference = figures.discharge }
            var cycleValues = figures.values
            if let reference { cycleValues.append(.init(name: "retention", value: figures.discharge / reference, unit: "1")) }
            values += cycleValues.map { .init(name: "cycle \(number): \($0.name)", value: $0.value, unit: $0.unit) }
        }
        return AnalysisResult(kind: .cycles, values: values, note: note)
    }
}
