import GRDB

/// One cycle's voltage against the charge moved since the cycle began, its
/// charge and its discharge apart (the V–Q plot of a cycle), from every
/// stored sample of the cycle.
///
/// Capacity is counted as `CycleSummary` counts it (each sample's change in
/// step charge, added by its sign), so a branch's last point is the cycle
/// summary's charge or discharge, to rounding. A sample that moved no charge
/// belongs to neither branch; a rest's current noise moves nanoampere-hours
/// either way, so a rest's relaxation stands at the end of a branch.
public struct CycleCurve: Sendable, Hashable {
    public struct Point: Sendable, Hashable {
        /// Ah since the cycle began, positive on both branches.
        public var capacity: Double
        public var voltage: Double
    }

    public var cycle: Int
    public var charge: [Point] = []
    public var discharge: [Point] = []

    /// At most `maxPoints` points per branch, evenly spaced, keeping each
    /// branch's last point (its capacity); a V–Q curve is smooth, so every
    /// n-th point draws it faithfully.
    public func thinned(to maxPoints: Int) -> CycleCurve {
        CycleCurve(cycle: cycle, charge: charge.evenlyThinned(to: maxPoints), discharge: discharge.evenlyThinned(to: maxPoints))
    }
}

extension Store {
    /// Cycle `cycle` of job `job` at full rate, read in one snapshot. Given
    /// the cycle's time span (`CycleTally.timeSpans`), only the samples in it
    /// are read (`JobSampleSpan`); otherwise every sample of the job.
    public func cycleCurve(job: Int64, cycle: Int, within span: ClosedRange<Double>? = nil) throws(StorageError) -> CycleCurve {
        try read { db in
            var curve = CycleCurve(cycle: cycle)
            var counter = CapacityCounter()
            guard let jobSpan = try self.sampleSpan(of: job, in: db) else { return curve }
            let within = try span.map { try jobSpan.narrowed(from: $0.lowerBound, to: $0.upperBound, in: db) } ?? jobSpan
            guard let cycleSpan = within else { return curve }
            let cursor = try cycleSpan.samples.filter(Column("cycle") == cycle).order(Column("seq")).fetchCursor(db)
            while let sample = try cursor.next() {
                let before = (counter.chargingAh, counter.dischargingAh)
                counter.add(sample)
                if counter.chargingAh > before.0 {
                    curve.charge.append(.init(capacity: counter.chargingAh, voltage: sample.voltage))
                } else if counter.dischargingAh > before.1 {
                    curve.discharge.append(.init(capacity: counter.dischargingAh, voltage: sample.voltage))
                }
            }
            return curve
        }
    }
}
