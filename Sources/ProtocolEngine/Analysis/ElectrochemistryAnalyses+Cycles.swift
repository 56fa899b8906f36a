import Electrochemistry

extension ElectrochemistryAnalyses {
    /// Cycle summaries by the protocol's own cycles (a counted loop's
    /// iterations, see `Loop`): the protocol, not the current's sign, says
    /// what a cycle is.
    ///
    /// At the end of each cycle the request holds that cycle's samples and
    /// gets one summary, with retention against the job's first cycle that
    /// discharged at the same current (`RetentionReferences`). An `analyse: cycles` step gets every sample so far and
    /// summarises each cycle in it, its values prefixed "cycle N:".
    func cycleSummary(_ request: AnalysisRequest) throws -> AnalysisResult {
        let note = "positive current charges; DC resistance: ΔV/ΔI between the last reading of the rest before "
            + "the discharge and the first at least 10 s into the discharge; retention against the job's first cycle that "
            + "discharged at the same current (none for a cycle at a current no earlier cycle ran at)"
        if let cycle = request.cycle {
            let figures = try CycleFigures(request.samples, cycle: cycle)
            var values = figures.values
            if let retention = retentionReference.retention(of: figures) { values.append(.init(name: "retention", value: retention, unit: "1")) }
            return AnalysisResult(kind: .cycles, values: values, cycle: cycle, note: note, warnings: figures.warnings)
        }
        // Cycle numbers only rise, so each cycle is one run of samples; it is
        // handed over after the sample before it, as at a cycle's end.
        var runs: [(number: Int, samples: [RecordedSample])] = []
        for (k, sample) in request.samples.enumerated() where sample.cycle > 0 {
            if runs.last?.number == sample.cycle {
                runs[runs.count - 1].samples.append(sample)
            } else {
                runs.append((sample.cycle, k > 0 ? [request.samples[k - 1], sample] : [sample]))
            }
        }
        guard !runs.isEmpty else {
            throw AnalysisError(.noSignal, "no counted cycle has run yet; mark a loop with cycle: true", field: "cycle")
        }
        var values: [AnalysisResult.Value] = []
        var warnings: [String] = []
        var references = RetentionReferences()
        for run in runs {
            let figures = try CycleFigures(run.samples, cycle: run.number)
            var cycleValues = figures.values
            if let retention = references.retention(ofDischarge: figures.discharge, at: figures.dischargeCurrent) {
                cycleValues.append(.init(name: "retention", value: retention, unit: "1"))
            }
            values += cycleValues.map { .init(name: "cycle \(run.number): \($0.name)", value: $0.value, unit: $0.unit) }
            warnings += figures.warnings.map { "cycle \(run.number): \($0)" }
        }
        return AnalysisResult(kind: .cycles, values: values, note: note, warnings: warnings)
    }
}
