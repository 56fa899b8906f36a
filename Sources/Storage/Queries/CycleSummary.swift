/// One cycle of a job, summed from its stored samples: the charge that went
/// in and came out (Ah, both positive), when it began and ended, and the
/// voltage range it covered.
public struct CycleSummary: Sendable, Hashable {
    public var cycle: Int
    public var chargeAh: Double
    public var dischargeAh: Double
    /// Job times (s).
    public var start: Double
    public var end: Double
    public var minimumVoltage: Double
    public var maximumVoltage: Double
    public var samples: Int

    /// Discharge over charge; nil for a cycle that charged nothing.
    public var coulombicEfficiency: Double? { chargeAh > 0 ? dischargeAh / chargeAh : nil }
}

/// A job's cycle summaries, added up sample by sample in seq order, so
/// they can be kept up to date by adding only the samples stored since.
/// It also keeps each cycle's earliest and latest job time, which bound the
/// cycle's samples for a read of just them (`Store.cycleCurve`).
public struct CycleTally: Sendable {
    public private(set) var summaries: [CycleSummary] = []
    public private(set) var timeSpans: [Int: ClosedRange<Double>] = [:]
    private var counter = CapacityCounter()
    /// The totals when the current cycle began: a cycle's charge is what the totals grew by since.
    private var base = (charged: 0.0, discharged: 0.0)

    public init() {}

    public mutating func add(_ sample: StoredSample) {
        if summaries.last?.cycle != sample.cycle {
            base = (counter.chargingAh, counter.dischargingAh)
            summaries.append(CycleSummary(cycle: sample.cycle, chargeAh: 0, dischargeAh: 0, start: sample.time, end: sample.time,
                                          minimumVoltage: sample.voltage, maximumVoltage: sample.voltage, samples: 0))
        }
        counter.add(sample)
        summaries[summaries.count - 1].add(sample, charged: counter.chargingAh - base.charged, discharged: counter.dischargingAh - base.discharged)
        let span = timeSpans[sample.cycle]
        timeSpans[sample.cycle] = min(span?.lowerBound ?? sample.time, sample.time)...max(span?.upperBound ?? sample.time, sample.time)
    }
}

extension CycleSummary {
    fileprivate mutating func add(_ sample: StoredSample, charged: Double, discharged: Double) {
        chargeAh = charged
        dischargeAh = discharged
        end = sample.time
        minimumVoltage = min(minimumVoltage, sample.voltage)
        maximumVoltage = max(maximumVoltage, sample.voltage)
        samples += 1
    }
}

extension Store {
    /// Every cycle of a job, in order, streamed from one read snapshot.
    public func cycleSummaries(job: Int64) throws(StorageError) -> [CycleSummary] {
        var tally = CycleTally()
        try forEachSample(job: job) { tally.add($0) }
        return tally.summaries
    }
}
