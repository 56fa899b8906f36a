import CyclerConfiguration
import LiveModel

/// A job's live model: every recorded sample feeds it; its estimates are
/// kept at a bounded rate and its alarms at once, as documents of the
/// channel's event log. The alarms the channel's `pause_on` names (a hard
/// short by default) pause the job.
///
/// It starts afresh with each run of the job (after a restart it learns the
/// cell again from the samples that follow).
final class ChannelLiveModel {
    /// Job time between two stored estimates (s).
    static let estimateInterval = 60.0

    private var model: LiveModel
    private var lastStored: Double?
    private let pausing: Set<String>

    /// - Throws: when the cell file lacks what the model needs (a full cell's OCV table).
    init(cell: CellDescription, pausingOn kinds: [String]) throws(LiveModelError) {
        model = LiveModel(configuration: try LiveModelConfiguration(cell: cell))
        pausing = Set(kinds)
    }

    /// What one sample gave: an estimate to store (at most one per interval) and the alarms raised.
    func update(_ measurement: Measurement) -> (estimate: StoredEstimate?, alarms: [StoredLiveAlarm]) {
        let estimate = model.update(measurement)
        let alarms = estimate.alarms.map { StoredLiveAlarm($0, pausesJob: pausing.contains($0.kind.rawValue)) }
        guard lastStored.map({ measurement.time - $0 >= Self.estimateInterval }) ?? true else { return (nil, alarms) }
        lastStored = measurement.time
        return (StoredEstimate(estimate), alarms)
    }
}

/// An estimate as the event log keeps it, in SI units.
struct StoredEstimate: Codable, Sendable {
    var time: Double
    var stateOfCharge: Double?
    var stateOfChargeSigma: Double?
    /// C.
    var capacity: Double?
    var stateOfHealth: Double?
    /// Ω.
    var ohmicResistance: Double?
    var interfacialResistance: Double?
    /// Pa.
    var expectedPressure: Double?
    var pressureResidual: Double?
    var cycle: Int

    init(_ e: LiveEstimate) {
        time = e.time
        stateOfCharge = e.stateOfCharge
        stateOfChargeSigma = e.stateOfChargeSigma
        capacity = e.capacity
        stateOfHealth = e.stateOfHealth
        ohmicResistance = e.ohmicResistance
        interfacialResistance = e.interfacialResistance
        expectedPressure = e.expectedPressure
        pressureResidual = e.pressureResidual
        cycle = e.cycle
    }
}

/// A live-model alarm as the event log keeps it.
struct StoredLiveAlarm: Codable, Sendable {
    var kind: String
    var time: Double
    var cycle: Int
    var message: String
    /// Whether the channel pauses the job for it.
    var pausesJob: Bool

    init(_ alarm: Alarm, pausesJob: Bool) {
        kind = alarm.kind.rawValue
        time = alarm.time
        cycle = alarm.cycle
        message = alarm.description
        self.pausesJob = pausesJob
    }
}
