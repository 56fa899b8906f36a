import Electrochemistry
import Numerics

/// One line of a figure: its title and its points, in the units the axes show.
struct PlotSeries: Equatable {
    var title: String
    var x: [Double]
    var y: [Double]
    /// A second y value per point, drawn on the right axis (Bode's phase).
    var y2: [Double]? = nil
}

extension PlotSeries {
    /// V against hours.
    static func voltageTime(_ s: SampleSeries, title: String) throws -> [PlotSeries] {
        guard let v = s.voltage else { throw PlotError("\(title) has no voltage column") }
        return [PlotSeries(title: title, x: s.time.map { $0 / 3600 }, y: v)]
    }

    /// The record cut where the current changes sign (rests dropped), each
    /// part with the charge passed since it began (mAh): one curve per half-cycle.
    static func halfCycles(_ s: SampleSeries, title: String) throws -> [(label: String, q: [Double], v: [Double])] {
        guard let v = s.voltage else { throw PlotError("\(title) has no voltage column") }
        let peak = s.current.map(abs).max() ?? 0
        let rest = 1e-3 * peak
        var parts: [(label: String, q: [Double], v: [Double])] = []
        var sign = 0.0, charge = 0.0, half = 0
        for k in s.time.indices {
            let i = s.current[k]
            guard abs(i) > rest else { continue }
            let dt = k > 0 ? s.time[k] - s.time[k - 1] : 0
            if (i > 0 ? 1.0 : -1.0) != sign {
                sign = i > 0 ? 1 : -1
                charge = 0
                half += 1
                let cycle = s.cycle.map { "cycle \($0[k])" } ?? "part \(half)"
                parts.append(("\(cycle) \(sign > 0 ? "charge" : "discharge")", [], []))
            } else {
                charge += abs(i) * dt / 3.6
            }
            parts[parts.count - 1].q.append(charge)
            parts[parts.count - 1].v.append(v[k])
        }
        return parts
    }

    static func voltageCharge(_ s: SampleSeries, title: String) throws -> [PlotSeries] {
        try halfCycles(s, title: title).map { PlotSeries(title: $0.label, x: $0.q, y: $0.v) }
    }

    /// dQ/dV (mAh/V) against V, from differences across at least `step` volts,
    /// so sampling noise does not divide by nearly nothing.
    static func differentialCapacity(_ s: SampleSeries, title: String, step: Double) throws -> [PlotSeries] {
        try halfCycles(s, title: title).compactMap { part in
            var x: [Double] = [], y: [Double] = []
            var anchor = 0
            for k in part.v.indices.dropFirst() where abs(part.v[k] - part.v[anchor]) >= step {
                x.append((part.v[k] + part.v[anchor]) / 2)
                y.append(abs((part.q[k] - part.q[anchor]) / (part.v[k] - part.v[anchor])))
                anchor = k
            }
            return x.isEmpty ? nil : PlotSeries(title: part.label, x: x, y: y)
        }
    }

    /// −Z″ against Z′ (Ω).
    static func nyquist(_ data: ImpedanceData, title: String) -> PlotSeries {
        PlotSeries(title: title, x: data.impedances.map(\.real), y: data.impedances.map { -$0.imaginary })
    }

    /// |Z| (Ω) and phase (°) against frequency (Hz).
    static func bode(_ data: ImpedanceData, title: String) -> PlotSeries {
        PlotSeries(title: title, x: data.frequencies, y: data.impedances.map(\.length),
                   y2: data.impedances.map { $0.phase * 180 / .pi })
    }
}

/// Why a figure cannot be drawn.
struct PlotError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
