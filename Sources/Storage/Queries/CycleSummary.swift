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

extension Store {
    /// Every cycle of a job, in order, streamed from one read snapshot.
    public func cycleSummaries(job: Int64) throws(StorageError) -> [CycleSummary] {
        var summaries: [CycleSummary] = []
        var counter = CapacityCounter()
        // The totals when the current cycle began: a cycle's charge is what the totals grew by since.
        var base = (charged: 0.0, discharged: 0.0)
        try forEachSample(job: job) { sample in
            if summaries.last?.cycle != sample.cycle {
                base = (counter.chargingAh, counter.dischargingAh)
                summaries.append(CycleSummary(cycle: sample.cycle, chargeAh: 0, dischargeAh: 0, start: sample.time, end: sample.time,
                                              minimumVoltage: sample.voltage, maximumVoltage: sample.voltage, samples: 0))
            }
            counter.add(sample)
            var summary = summaries.removeLast()
            summary.chargeAh = counter.chargingAh - base.charged
            summary.dischargeAh = counter.dischargingAh - base.discharged
            summary.end = sample.time
            summary.minimumVoltage = min(summary.minimumVoltage, sample.voltage)
            summary.maximumVoltage = max(summary.maximumVoltage, sample.voltage)
            summary.samples += 1
            summaries.append(summary)
        }
        return summaries
    }
}
