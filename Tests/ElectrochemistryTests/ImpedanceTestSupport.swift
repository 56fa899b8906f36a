import Numerics
@testable import Electrochemistry

/// `|actual − expected| / |expected|`.
func relativeError(_ actual: Complex<Double>, _ expected: Complex<Double>) -> Double {
    (actual - expected).length / expected.length
}

/// `|actual − expected| / |expected|` for reals.
func relativeError(_ actual: Double, _ expected: Double) -> Double {
    abs(actual - expected) / abs(expected)
}

/// Logarithmically spaced values from `low` to `high`, both included.
func logSpace(from low: Double, to high: Double, perDecade: Int) -> [Double] {
    let decades = Double.log10(high / low)
    let count = max(2, Int((decades * Double(perDecade)).rounded(.up)) + 1)
    return (0..<count).map { low * Double.pow(10, decades * Double($0) / Double(count - 1)) }
}

/// Largest relative error of `network` against `z` on a grid of angular
/// frequencies, computed here rather than with the code under test.
func worstRelativeError(of network: FosterNetwork, against z: (Double) -> Complex<Double>,
                        omegaFrom low: Double, to high: Double) -> Double {
    logSpace(from: low, to: high, perDecade: 17)
        .map { relativeError(network.impedance(omega: $0), z($0)) }
        .max() ?? .infinity
}

/// Deterministic generator so random problems are the same on every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

extension Matrix {
    /// A matrix from rows, for readable test fixtures.
    init(_ rows: [[Double]]) {
        self.init(rows: rows.count, columns: rows.first?.count ?? 0)
        for (r, row) in rows.enumerated() {
            precondition(row.count == columns)
            for (c, value) in row.enumerated() { self[r, c] = value }
        }
    }
}
