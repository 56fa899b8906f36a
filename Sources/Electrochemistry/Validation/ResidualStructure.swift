import Numerics

/// What a lin-KK residual holds beyond the spectrum's own noise.
///
/// Noise from point to point is white, so the differences of neighbouring
/// residuals estimate it whatever its size; drift and non-linearity move the
/// residuals smoothly over a span of frequencies, which neighbouring
/// differences barely see. Averaging the residuals over windows of a few to
/// many points shrinks white noise by √L but leaves a smooth part standing,
/// so the largest window mean, in units of the noise it would have, measures
/// structure. A fixed percentage cannot do this: it fails clean but noisy
/// spectra and passes drifting quiet ones.
public struct ResidualStructure: Sendable, Hashable {
    /// Standard deviation of the white part, as a fraction of |Z|.
    public let noise: Double
    /// The largest window mean of one residual part (fraction of |Z|).
    public let amplitude: Double
    /// That mean in units of σ/√L: about 3 at most for white residuals.
    public let significance: Double
    /// Hz: the geometric centre of that window.
    public let frequency: Double

    /// Window lengths: short for a local kink, long for a broad drift.
    static let windows = [4, 8, 16]

    init(noise: Double, amplitude: Double, significance: Double, frequency: Double) {
        self.noise = noise
        self.amplitude = amplitude
        self.significance = significance
        self.frequency = frequency
    }

    /// - Parameters:
    ///   - residuals: (measured − model)/|Z| per point.
    ///   - frequencies: the points' frequencies, in any order.
    ///   - noise: the noise to judge against when it is known; nil
    ///     estimates it from these residuals.
    public init(residuals: [Complex<Double>], frequencies: [Double], noise given: Double? = nil) {
        let order = frequencies.indices.sorted { frequencies[$0] < frequencies[$1] }
        let parts = [order.map { residuals[$0].real }, order.map { residuals[$0].imaginary }]
        let sorted = order.map { frequencies[$0] }
        var squares = 0.0, differences = 0
        for part in parts {
            for k in part.indices.dropFirst() {
                let d = part[k] - part[k - 1]
                squares += d * d
                differences += 1
            }
        }
        noise = given ?? (differences > 0 ? (squares / Double(2 * differences)).squareRoot() : 0)
        var best = (amplitude: 0.0, significance: 0.0, frequency: sorted.first ?? 0)
        for length in Self.windows where length <= sorted.count / 2 {
            let scale = noise / Double(length).squareRoot()
            for part in parts {
                var sum = part[..<length].reduce(0, +)
                for start in 0...(part.count - length) {
                    if start > 0 { sum += part[start + length - 1] - part[start - 1] }
                    let mean = abs(sum) / Double(length)
                    let z = scale > 0 ? mean / scale : (mean > 0 ? .infinity : 0)
                    if z > best.significance {
                        best = (mean, z, (sorted[start] * sorted[start + length - 1]).squareRoot())
                    }
                }
            }
        }
        amplitude = best.amplitude
        significance = best.significance
        frequency = best.frequency
    }
}
