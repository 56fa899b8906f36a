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

/// A job's resistance estimates placed among its samples as they are added:
/// a rest is a run of samples with |I| ≤ `restCurrent`, across step
/// boundaries (an EIS step at open circuit continues the rest). An estimate
/// is taken at a sample's time, so it is placed once a later sample shows
/// every sample up to its time has been seen; the journal gives an estimate
/// a seq before any later sample's, so adding what was stored since, up to
/// one seq, places every estimate as one pass over the whole job would.
public struct ResistancePlacement: Sendable {
    public let restCurrent: Double
    private var placed: [ResistanceEstimate] = []
    /// Estimates whose time no sample has passed yet, oldest first, from `firstPending` on
    /// (the placed ones before it are dropped now and then, not one at a time).
    private var pending: [ResistanceEstimate] = []
    private var firstPending = 0
    private var restStart: Double?
    private var pressure: Double?
    private var cycle = 0

    public init(restCurrent: Double) {
        self.restCurrent = restCurrent
    }

    /// Takes in a stored estimate event; one that cannot be read, or has nothing to plot, is left out.
    public mutating func add(estimate event: StoredEvent) {
        guard let body = try? StoredEvent.bodyDecoder.decode(EstimateBody.self, from: Data(event.body.utf8)),
              body.ohmicResistance != nil || body.interfacialResistance != nil || body.expectedPressure != nil else { return }
        pending.append(ResistanceEstimate(time: event.time, cycle: 0, ohmicResistance: body.ohmicResistance,
                                          interfacialResistance: body.interfacialResistance,
                                          expectedPressure: body.expectedPressure, measuredPressure: nil, restTime: nil))
    }

    /// Takes in the next sample: first places the estimates taken before it.
    public mutating func add(_ sample: StoredSample) {
        while firstPending < pending.count, pending[firstPending].time < sample.time {
            placed.append(placing(pending[firstPending]))
            firstPending += 1
        }
        if firstPending > 1_024, firstPending * 2 > pending.count {
            pending.removeFirst(firstPending)
            firstPending = 0
        }
        restStart = abs(sample.current) <= restCurrent ? restStart ?? sample.time : nil
        pressure = sample.pressure
        cycle = sample.cycle
    }

    /// Every estimate so far, in order; those after the newest sample as the cell stands now.
    public var estimates: [ResistanceEstimate] {
        placed + pending[firstPending...].map(placing)
    }

    private func placing(_ estimate: ResistanceEstimate) -> ResistanceEstimate {
        var placedEstimate = estimate
        placedEstimate.measuredPressure = pressure
        placedEstimate.cycle = cycle
        placedEstimate.restTime = restStart.map { estimate.time - $0 }
        return placedEstimate
    }
}

extension Store {
    /// A job's resistance estimates in order, each placed in the job's
    /// samples (`ResistancePlacement`), from one read snapshot. Estimates
    /// with neither a resistance nor an expected pressure are left out.
    public func resistanceEstimates(job: Int64, restCurrent: Double) throws(StorageError) -> [ResistanceEstimate] {
        var placement = ResistancePlacement(restCurrent: restCurrent)
        try stream { db in
            // Estimates first: each waits for the first sample after its time.
            let estimates = try StoredEvent.filter(Column("job") == job && Column("kind") == "estimate").order(Column("seq")).fetchCursor(db)
            while let event = try estimates.next() { placement.add(estimate: event) }
            guard let span = try sampleSpan(of: job, in: db) else { return }
            let samples = try span.samples.order(Column("seq")).fetchCursor(db)
            while let sample = try samples.next() { placement.add(sample) }
        }
        return placement.estimates
    }
}

/// The fields of the Scheduler's stored estimate that this reading needs.
private struct EstimateBody: Decodable {
    var ohmicResistance: Double?
    var interfacialResistance: Double?
    var expectedPressure: Double?
}
