/// Tells a rest from a load by the current's own behaviour, not by a fixed
/// threshold around zero.
///
/// A channel at rest does not read 0 A: its sensor has an offset (0.5 % of
/// 1C is ordinary) and noise, and a threshold of 10⁻⁴ C never sees a rest
/// through them. Until a rest has been seen, any current no larger than an
/// offset may be is one. The rests teach the zero the sensor reads and its
/// noise, and from then on a rest is a current within a few σ of that zero,
/// or a level no larger than an offset that holds still within the noise
/// (the zero moved; a trickle that small cannot be told from one).
public struct RestDetector: Sendable {
    /// A: the largest level that may be an offset rather than a load.
    public let offsetBound: Double
    /// A: the smallest spread judged (the instrument's resolution).
    public let resolution: Double
    /// A: the zero the sensor reads at rest, once a rest has been seen.
    public private(set) var zero: Double?
    /// A: standard deviation of the current at rest.
    public private(set) var noise = 0.0
    /// Whether the last sample was a rest.
    public private(set) var isResting = false
    private var previous: Double?
    /// Samples averaged into `zero` and `noise` so far, capped so both follow a slowly drifting sensor.
    private var samples = 0.0

    /// Rest samples beyond which the zero and the noise become running averages.
    static let memory = 1000.0
    /// Rest samples before the noise is known well enough to judge stillness by.
    static let learningSamples = 10.0
    /// Standard deviations of noise within which a current is the zero.
    static let noiseMultiple = 4.0

    public init(offsetBound: Double, resolution: Double) {
        self.offsetBound = offsetBound
        self.resolution = resolution
    }

    /// The band around the zero that counts as rest (A).
    public var band: Double { max(resolution, Self.noiseMultiple * noise) }

    /// Feeds one current sample (A); returns whether the cell is at rest.
    @discardableResult
    public mutating func update(current: Double) -> Bool {
        defer { previous = current }
        let nearZero = zero.map { abs(current - $0) <= band } ?? false
        let still = previous.map { abs(current - $0) <= band } ?? false
        let wasResting = isResting
        // Until a few rest samples have shown the noise, stillness cannot be judged.
        let learning = samples < Self.learningSamples
        isResting = nearZero || (abs(current) <= offsetBound && (learning || still))
        guard isResting else { return false }
        samples = min(samples + 1, Self.memory)
        let level = zero ?? current
        zero = level + (current - level) / samples
        // The step into a rest is not noise.
        if wasResting, let previous {
            // Neighbouring differences carry twice the variance of the samples.
            let spread = (current - previous) * (current - previous) / 2
            noise = (noise * noise + (spread - noise * noise) / samples).squareRoot()
        }
        return true
    }
}
