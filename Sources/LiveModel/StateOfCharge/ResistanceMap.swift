/// R0 against SOC, learned from every current step.
///
/// A cell's instantaneous resistance is not one number: solid diffusion near
/// either end of the SOC range adds to it steeply. A single R0 learned at the
/// end of a discharge would then be the wrong reference for the whole next
/// charge when the filter's R0 is judged for contact loss, or averaged per
/// cycle for interphase growth. The map keeps one value per SOC bin, each a
/// running mean of the steps seen there, and interpolates between the bins it knows.
public struct ResistanceMap: Sendable, Hashable {
    public let bins: Int
    private var values: [Double]
    private var known: [Bool]
    /// SOC distance from each bin's centre to the nearest known bin's centre.
    private var reach: [Double]
    /// Weight of a new step in its bin.
    public var weight = 0.3

    public init(bins: Int = 25) {
        self.bins = bins
        values = Array(repeating: 0, count: bins)
        known = Array(repeating: false, count: bins)
        reach = Array(repeating: 1, count: bins)
    }

    private func bin(_ soc: Double) -> Int {
        min(max(Int(soc * Double(bins)), 0), bins - 1)
    }

    public mutating func record(_ resistance: Double, at soc: Double) {
        let k = bin(soc)
        values[k] = known[k] ? values[k] + weight * (resistance - values[k]) : resistance
        if !known[k] {
            known[k] = true
            for j in 0..<bins { reach[j] = min(reach[j], Double(abs(j - k)) / Double(bins)) }
        }
    }

    /// The resistance at `soc`: interpolated between the nearest known bins'
    /// centres, the nearest one's value beyond them; nil when none is known.
    public func value(at soc: Double) -> Double? {
        // Position in bin-centre coordinates, clamped to the outer centres.
        let x = min(max(soc * Double(bins) - 0.5, 0), Double(bins - 1))
        var below = Int(x.rounded(.down)), above = min(below + 1, bins - 1)
        while below >= 0, !known[below] { below -= 1 }
        while above < bins, !known[above] { above += 1 }
        switch (below >= 0, above < bins) {
        case (true, true) where above > below:
            let t = (x - Double(below)) / Double(above - below)
            return values[below] + min(max(t, 0), 1) * (values[above] - values[below])
        case (true, _): return values[below]
        case (false, true): return values[above]
        case (false, false): return nil
        }
    }

    /// SOC distance from `soc` to the nearest bin that holds a measurement:
    /// how far the value at `soc` is extrapolated (1 when none is known).
    public func distance(from soc: Double) -> Double {
        reach[bin(soc)]
    }
}
