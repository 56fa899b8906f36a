import Electrochemistry

/// A series of resistance readings and how fast it grows: per √h at rest
/// (interphases grow parabolically, DOMAIN §3) and per cycle when cycling.
public struct ResistanceHistory: Sendable {
    public struct Reading: Sendable, Hashable {
        public var time: Double
        public var cycle: Int
        /// Ω.
        public var resistance: Double
    }

    /// How many readings are kept (the oldest are dropped).
    public let capacity: Int
    public private(set) var readings: [Reading] = []
    /// s: when the series' clock starts for √t.
    public private(set) var origin: Double?

    public init(capacity: Int = 4096) {
        self.capacity = capacity
    }

    public mutating func append(time: Double, cycle: Int, resistance: Double) {
        guard resistance.isFinite else { return }
        if origin == nil { origin = time }
        if readings.count == capacity { readings.removeFirst(capacity / 4) }
        readings.append(Reading(time: time, cycle: cycle, resistance: resistance))
    }

    public var latest: Reading? { readings.last }

    /// Ω per √h: slope of R against √(t − t₀) over the readings, or nil
    /// for fewer than three readings spread over time.
    public var growthPerRootHour: Double? {
        guard let origin else { return nil }
        return slope(readings.map { ((($0.time - origin) / 3600).squareRoot(), $0.resistance) })
    }

    /// Ω per cycle: slope of R against the cycle index over the last `window` cycles.
    public func growthPerCycle(window: Int = 20) -> Double? {
        guard let last = readings.last?.cycle else { return nil }
        let recent = readings.filter { $0.cycle > last - window }
        return slope(recent.map { (Double($0.cycle), $0.resistance) })
    }

    /// Least-squares slope; nil when x does not vary.
    private func slope(_ points: [(Double, Double)]) -> Double? {
        guard points.count >= 3 else { return nil }
        var a = Matrix(rows: points.count, columns: 2)
        for (row, point) in points.enumerated() {
            a[row, 0] = 1
            a[row, 1] = point.0
        }
        let xs = points.map(\.0)
        guard let low = xs.min(), let high = xs.max(), high > low else { return nil }
        return LeastSquares.solve(a, points.map(\.1))[1]
    }
}
