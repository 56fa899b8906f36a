import Foundation
import GRDB

/// One of the live model's stored estimates of resistance and stack
/// pressure, with what the cell was doing when it was taken: how long it had
/// rested (interphases grow as √t at rest) and the pressure measured then.
public struct ResistanceEstimate: Sendable, Hashable {
    /// Job time (s).
    public var time: Double
    /// The protocol's cycle (the stored samples'), as the cycle summaries
    /// count; the live model counts its own turns, which may differ.
    public var cycle: Int
    /// Ω.
    public var ohmicResistance: Double?
    public var interfacialResistance: Double?
    /// Pa.
    public var expectedPressure: Double?
    public var measuredPressure: Double?
    /// Seconds since the rest it was taken in began; nil when the cell was not at rest.
    public var restTime: Double?
}

extension Store {
    /// A job's resistance estimates in order, each placed in the job's
    /// samples: a rest is a run of samples with |I| ≤ `restCurrent`, across
    /// step boundaries (an EIS step at open circuit continues the rest).
    /// One pass over the job's samples, in one read snapshot. Estimates
    /// with neither a resistance nor an expected pressure are left out.
    public func resistanceEstimates(job: Int64, restCurrent: Double) throws(StorageError) -> [ResistanceEstimate] {
        try read { db in
            var estimates = try StoredEvent.filter(Column("job") == job && Column("kind") == "estimate").order(Column("seq")).fetchCursor(db)
                .compactMap { event -> ResistanceEstimate? in
                    guard let body = try? StoredEvent.bodyDecoder.decode(EstimateBody.self, from: Data(event.body.utf8)) else { return nil }
                    return ResistanceEstimate(time: event.time, cycle: 0, ohmicResistance: body.ohmicResistance,
                                              interfacialResistance: body.interfacialResistance,
                                              expectedPressure: body.expectedPressure, measuredPressure: nil, restTime: nil)
                }
            var placed: [ResistanceEstimate] = []
            var pending = try estimates.next()
            var restStart: Double?
            var pressure: Double?
            var cycle = 0
            let samples = try StoredSample.filter(Column("job") == job).order(Column("seq")).fetchCursor(db)
            // An estimate is taken at a sample's time, so it is placed once every sample up to that time is seen.
            func place(upTo time: Double?) throws {
                while let estimate = pending, time.map({ estimate.time < $0 }) ?? true {
                    var placedEstimate = estimate
                    placedEstimate.measuredPressure = pressure
                    placedEstimate.cycle = cycle
                    placedEstimate.restTime = restStart.map { estimate.time - $0 }
                    placed.append(placedEstimate)
                    pending = try estimates.next()
                }
            }
            while let sample = try samples.next() {
                try place(upTo: sample.time)
                restStart = abs(sample.current) <= restCurrent ? restStart ?? sample.time : nil
                pressure = sample.pressure
                cycle = sample.cycle
            }
            try place(upTo: nil)
            return placed.filter { $0.ohmicResistance != nil || $0.interfacialResistance != nil || $0.expectedPressure != nil }
        }
    }
}

/// The fields of the Scheduler's stored estimate that this reading needs.
private struct EstimateBody: Decodable {
    var ohmicResistance: Double?
    var interfacialResistance: Double?
    var expectedPressure: Double?
}
