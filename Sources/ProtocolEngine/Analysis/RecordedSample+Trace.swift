import Electrochemistry

extension [RecordedSample] {
    /// The samples as an analysis trace, as read.
    var trace: [TraceSample] {
        map { TraceSample(time: $0.time, voltage: $0.voltage, current: $0.current) }
    }

    /// The samples as an analysis trace whose currents are each sample's mean
    /// over the time it covers in its step (since the sample before in the
    /// same step, or since the step began), from the charge the executor
    /// counted over every reading, not only the recorded ones.
    ///
    /// That is what an integrating instrument reports and what
    /// `CycleSummaries` takes a sample to mean; with instantaneous readings a
    /// CV hold's decaying current, recorded only every few minutes, loses
    /// about 1 % of the charge.
    var intervalMeanTrace: [TraceSample] {
        indices.map { k in
            let s = self[k]
            let sameStep = k > 0 && self[k - 1].step == s.step
            let charge = sameStep ? s.stepCharge - self[k - 1].stepCharge : s.stepCharge
            let span = sameStep ? s.time - self[k - 1].time : s.stepTime
            return TraceSample(time: s.time, voltage: s.voltage, current: span > 0 ? charge / span : s.current)
        }
    }
}
