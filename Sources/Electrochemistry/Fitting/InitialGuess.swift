import Numerics

/// Starting points read from the spectrum itself, so the common circuits need
/// no hand guess.
///
/// The spectrum is first fitted with a non-negative ladder of RC elements (a
/// coarse distribution of relaxation times) plus the series elements the
/// circuit has. The ladder's resistances are then split into as many
/// contiguous groups in log τ as the circuit has arcs and finite Warburgs,
/// by the partition with least weighted spread. Each group gives its arc a
/// resistance (the group's sum, i.e. the arc's diameter), a time constant (its
/// centre, i.e. the apex frequency) and an exponent (its width). This finds
/// arcs that overlap into one hump, where apex-picking on −Z″ sees one.
enum InitialGuess {
    /// A few starting points, the most plausible first.
    static func starts(for circuit: Circuit, data: ImpedanceData) -> [[Double]] {
        let anatomy = CircuitAnatomy(circuit)
        let points = data.descending
        let omegas = points.map { 2 * Double.pi * $0.frequency }
        let moduli = points.map { max($0.impedance.length, .leastNormalMagnitude) }
        let scale = median(moduli)
        let omegaHigh = omegas.first!, omegaLow = omegas.last!

        // The ladder: half a decade beyond the window at each end.
        let taus = VoigtBasis.timeConstants(from: 0.3 / omegaHigh, to: 3 / omegaLow, perDecade: 3)
        var columns: [VoigtBasis.Column] = [.resistance]
        if !anatomy.seriesInductors.isEmpty { columns.append(.inductance) }
        columns += taus.map { .relaxation(tau: $0) }
        let needsCapacitance = !anatomy.blocking.isEmpty || anatomy.diffusion.contains { $0.kind == .warburgOpen }
        if needsCapacitance { columns.append(.inverseCapacitance) }
        if anatomy.diffusion.contains(where: { $0.kind == .warburg }) { columns.append(.warburg) }
        let basis = VoigtBasis(columns: columns)
        let a = basis.designMatrix(omegas: omegas, scales: moduli)
        let b = points.indices.map { points[$0].impedance.real / moduli[$0] }
            + points.indices.map { points[$0].impedance.imaginary / moduli[$0] }
        let c = NonNegativeLeastSquares.solve(a, b).x

        func coefficient(_ column: VoigtBasis.Column) -> Double {
            columns.firstIndex(of: column).map { c[$0] } ?? 0
        }
        var spikes: [(logTau: Double, r: Double)] = []
        let largest = c.max() ?? 0
        // The ladder's series resistance is the foot of whatever relaxes above
        // the window. A circuit with no series resistor (`p(R0,C0)-…`, a bulk
        // arc whose apex lies just above the top frequency) describes that foot
        // with its fastest arc, so it becomes a spike a decade above the window
        // and the arcs below it keep their own groups.
        if anatomy.seriesResistors.isEmpty, !anatomy.arcs.isEmpty, coefficient(.resistance) > 1e-6 * largest {
            spikes.append((Double.log(0.1 / omegaHigh), coefficient(.resistance)))
        }
        for (j, column) in columns.enumerated() {
            if case .relaxation(let tau) = column, c[j] > 1e-6 * largest { spikes.append((Double.log(tau), c[j])) }
        }

        let finiteWarburgs = anatomy.diffusion.filter { $0.kind != .warburg }
        let needed = anatomy.arcs.count + finiteWarburgs.count

        var base = defaults(for: circuit, scale: scale, omegaLow: omegaLow, omegaHigh: omegaHigh)
        let ohmic = max(coefficient(.resistance), 1e-4 * scale)
        for (k, r) in anatomy.seriesResistors.enumerated() {
            base[r.parameterOffset] = k == 0 ? ohmic : ohmic / 10
        }
        for l in anatomy.seriesInductors {
            base[l.parameterOffset] = max(coefficient(.inductance), 1e-4 * scale / omegaHigh)
        }
        let inverseCapacitance = coefficient(.inverseCapacitance)
        for e in anatomy.blocking where inverseCapacitance > 0 {
            base[e.parameterOffset] = 1 / inverseCapacitance
        }
        for e in anatomy.diffusion where e.kind == .warburg && coefficient(.warburg) > 0 {
            base[e.parameterOffset] = coefficient(.warburg)
        }
        func place(_ groups: [Group]) -> [Double] {
            var start = base
            // Arcs take the faster groups in text order; finite Warburgs, the slowest.
            for (arc, group) in zip(anatomy.arcs, groups) {
                let tau = Double.exp(group.logTau)
                start[arc.resistanceIndex] = group.r
                if let exponentIndex = arc.exponentIndex {
                    let n = min(1, max(0.6, 1 / (1 + 0.12 * group.width)))
                    start[exponentIndex] = n
                    start[arc.capacitanceIndex] = Double.pow(tau, n) / group.r
                } else {
                    start[arc.capacitanceIndex] = tau / group.r
                }
            }
            for (element, group) in zip(finiteWarburgs, groups.suffix(finiteWarburgs.count)) {
                // Open: Σ 2Z₀/(k²π²) at τ/(k²π²); short: Σ 8Z₀/((2k−1)²π²) at 4τ/((2k−1)²π²).
                let open = element.kind == .warburgOpen
                start[element.parameterOffset] = open ? 3 * group.r : group.r
                start[element.parameterOffset + 1] = Double.exp(group.logTau) * (open ? Double.pi * Double.pi : Double.pi * Double.pi / 4)
            }
            return start
        }
        let start = place(partition(spikes, into: needed))
        // The ladder also holds what the circuit leaves out or lumps (a
        // leakage, a diffusion tail, two arcs merged into one hump): splitting
        // finer and keeping the heaviest groups gives those starts too.
        let finer = (1...2).compactMap { extra -> [Double]? in
            guard needed > 0, spikes.count >= needed + extra else { return nil }
            let groups = partition(spikes, into: needed + extra)
            let heaviest = groups.indices.sorted { groups[$0].r > groups[$1].r }.prefix(needed).sorted()
            return place(heaviest.map { groups[$0] })
        }
        var alternatives: [[Double]] = []
        // The ladder's series resistance absorbs the foot of an arc above the
        // window; where the circle-fitted HF intercept disagrees, start from it too.
        if let first = anatomy.seriesResistors.first,
           let intercept = HighFrequencyIntercept.estimate(points), intercept > 0,
           abs(intercept / start[first.parameterOffset] - 1) > 0.2 {
            var other = start
            other[first.parameterOffset] = intercept
            alternatives.append(other)
        }
        for element in finiteWarburgs {
            let z0 = start[element.parameterOffset]
            if element.kind == .warburgOpen, inverseCapacitance > 0 {
                // The low-frequency capacitance Z₀/τ pins τ when the ladder split the tail badly.
                var other = start
                other[element.parameterOffset + 1] = z0 / inverseCapacitance
                alternatives.append(other)
            }
        }
        // A second start with every CPE exponent at 0.8 covers arcs whose
        // ladder width misjudged n (strongly depressed or nearly ideal).
        var depressed = start
        for arc in anatomy.arcs {
            guard let exponentIndex = arc.exponentIndex else { continue }
            let r = depressed[arc.resistanceIndex]
            let tau = Double.pow(start[arc.capacitanceIndex] * r, 1 / start[exponentIndex])
            depressed[exponentIndex] = 0.8
            depressed[arc.capacitanceIndex] = Double.pow(tau, 0.8) / r
        }
        return [start] + alternatives + (anatomy.arcs.contains { $0.exponentIndex != nil } ? [depressed] : []) + finer
    }

    /// A value for every parameter from its role and the spectrum's scale,
    /// for elements outside the common shapes.
    static func defaults(for circuit: Circuit, scale: Double, omegaLow: Double, omegaHigh: Double) -> [Double] {
        let omegaMid = (omegaLow * omegaHigh).squareRoot()
        return circuit.parameterInfo.map { info in
            switch info.role {
            case .resistance: scale / 2
            case .capacitance, .cpeMagnitude: 1 / (omegaMid * scale)
            case .inductance: 1e-4 * scale / omegaHigh
            case .exponent: 0.8
            case .warburgCoefficient: scale * omegaLow.squareRoot() / 2
            case .timeConstant: 1 / omegaMid
            }
        }
    }

    struct Group {
        var logTau: Double
        var r: Double
        /// Weighted standard deviation of ln τ.
        var width: Double
    }

    /// Splits spikes (sorted by τ) into `count` contiguous groups minimising
    /// the R-weighted variance of ln τ within groups (dynamic programming).
    /// Missing spikes are made up by halving the largest group.
    static func partition(_ spikes: [(logTau: Double, r: Double)], into count: Int) -> [Group] {
        guard count > 0 else { return [] }
        var items = spikes
        if items.isEmpty { items = [(0, 1)] }
        while items.count < count {
            // Split the heaviest spike into two, a decade apart.
            let k = items.indices.max { items[$0].r < items[$1].r }!
            let s = items[k]
            items.replaceSubrange(k...k, with: [(s.logTau - 1.15, s.r / 2), (s.logTau + 1.15, s.r / 2)])
        }
        let n = items.count
        // Prefix sums for O(1) weighted variance of any run.
        var w = [0.0], wx = [0.0], wxx = [0.0]
        for s in items {
            w.append(w.last! + s.r)
            wx.append(wx.last! + s.r * s.logTau)
            wxx.append(wxx.last! + s.r * s.logTau * s.logTau)
        }
        func cost(_ i: Int, _ j: Int) -> Double { // items i..<j
            let sw = w[j] - w[i], sx = wx[j] - wx[i], sxx = wxx[j] - wxx[i]
            return sw > 0 ? max(0, sxx - sx * sx / sw) : 0
        }
        var best = Array(repeating: Array(repeating: Double.infinity, count: n + 1), count: count + 1)
        var cut = Array(repeating: Array(repeating: 0, count: n + 1), count: count + 1)
        best[0][0] = 0
        for g in 1...count {
            for j in g...n {
                for i in (g - 1)..<j where best[g - 1][i] < .infinity {
                    let total = best[g - 1][i] + cost(i, j)
                    if total < best[g][j] { best[g][j] = total; cut[g][j] = i }
                }
            }
        }
        var groups: [Group] = []
        var j = n
        for g in stride(from: count, through: 1, by: -1) {
            let i = cut[g][j]
            let sw = w[j] - w[i]
            let mean = (wx[j] - wx[i]) / sw
            groups.append(Group(logTau: mean, r: sw, width: (cost(i, j) / sw).squareRoot()))
            j = i
        }
        return groups.reversed()
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted[sorted.count / 2]
    }
}
