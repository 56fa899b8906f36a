import Numerics

/// A small, fast, seeded generator (xoshiro256**), so simulated noise and
/// events repeat exactly for the same seed.
public struct SeededRandom: RandomNumberGenerator, Sendable, Hashable {
    private var s: (UInt64, UInt64, UInt64, UInt64)
    /// The second normal of the last Box–Muller pair, not yet returned.
    private var spare: Double?

    public init(seed: UInt64) {
        // SplitMix64 spreads any seed, including 0, over the whole state.
        var x = seed
        func next() -> UInt64 {
            x &+= 0x9E37_79B9_7F4A_7C15
            var z = x
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        s = (next(), next(), next(), next())
    }

    public static func == (a: SeededRandom, b: SeededRandom) -> Bool {
        a.s.0 == b.s.0 && a.s.1 == b.s.1 && a.s.2 == b.s.2 && a.s.3 == b.s.3 && a.spare == b.spare
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(s.0); hasher.combine(s.1); hasher.combine(s.2); hasher.combine(s.3); hasher.combine(spare)
    }

    public mutating func next() -> UInt64 {
        let result = ((s.1 &* 5) << 7 | (s.1 &* 5) >> 57) &* 9
        let t = s.1 << 17
        s.2 ^= s.0
        s.3 ^= s.1
        s.1 ^= s.2
        s.0 ^= s.3
        s.2 ^= t
        s.3 = s.3 << 45 | s.3 >> 19
        return result
    }

    /// Uniform in [0, 1).
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// Standard normal (Box–Muller). Each draw makes two; the second is kept for the next call.
    public mutating func gaussian() -> Double {
        if let spare {
            self.spare = nil
            return spare
        }
        let u1 = max(uniform(), 1e-300), u2 = uniform()
        let radius = (-2 * Double.log(u1)).squareRoot(), angle = 2 * Double.pi * u2
        spare = radius * Double.sin(angle)
        return radius * Double.cos(angle)
    }
}
