import Numerics

extension CircuitFit {
    /// The same fit with interchangeable arcs (same capacitive element kind)
    /// renumbered so that text order runs from the fastest arc (highest apex
    /// frequency) to the slowest.
    ///
    /// `R0-p(R1,CPE1)-p(R2,CPE2)` has two equal minima, one the other with
    /// the arcs swapped; which one a start lands in is chance. Fixing the
    /// order makes R1 mean the same arc in every spectrum of a run, so a
    /// trend of R2 over 1000 cycles is one interface, not a mix of two.
    func orderingArcsByTimeConstant() -> CircuitFit {
        let anatomy = CircuitAnatomy(circuit)
        var source = Array(parameters.indices)
        for kind in [ElementKind.capacitor, .cpe] {
            let arcs = anatomy.arcs.filter { $0.capacitive.kind == kind }
            guard arcs.count > 1 else { continue }
            let sorted = arcs.sorted { timeConstant($0) < timeConstant($1) }
            for (slot, arc) in zip(arcs, sorted) {
                source[slot.resistanceIndex] = arc.resistanceIndex
                for k in 0..<kind.parameterCount {
                    source[slot.capacitanceIndex + k] = arc.capacitanceIndex + k
                }
            }
        }
        guard source != Array(parameters.indices) else { return self }
        var reordered: Matrix?
        if let correlation {
            var m = Matrix(rows: correlation.rows, columns: correlation.columns)
            for i in source.indices { for j in source.indices { m[i, j] = correlation[source[i], source[j]] } }
            reordered = m
        }
        return CircuitFit(circuit: circuit, parameters: source.map { parameters[$0] },
                          standardErrors: source.map { standardErrors[$0] }, correlation: reordered,
                          chiSquare: chiSquare, reducedChiSquare: reducedChiSquare, residuals: residuals,
                          weighting: weighting, iterations: iterations, converged: converged,
                          parametersOnBounds: source.indices.filter { parametersOnBounds.contains(parameterNames[source[$0]]) }
                              .map { parameterNames[$0] })
    }

    /// An arc's time constant (R·Q)^(1/n), or R·C.
    private func timeConstant(_ arc: CircuitAnatomy.Arc) -> Double {
        let r = parameters[arc.resistanceIndex], q = parameters[arc.capacitanceIndex]
        guard let exponentIndex = arc.exponentIndex else { return r * q }
        return Double.pow(r * q, 1 / parameters[exponentIndex])
    }
}
