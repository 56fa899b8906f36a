import CyclerConfiguration
import Hummingbird
import ProtocolEngine
import Scheduler
import Storage

/// A channel now: what it is doing, its newest sample and estimate, and its
/// unacknowledged alarms.
public struct ChannelView: ResponseCodable, Sendable {
    public var name: String
    public var status: String
    public var fault: String?
    public var runningJob: Int64?
    /// The cycles the running job's protocol runs (the N of "cycle n of N"),
    /// from its stored protocol as `cyclerctl follow` reads it; nil when the
    /// protocol's cycling loop has no count or no job runs.
    public var plannedCycles: Int?
    public var cellFile: String
    public var potentiostat: String
    public var pressure: String?
    public var thermal: String?
    public var lastSeq: Int64
    public var latest: SampleView?
    /// The live model's newest estimate (SOC, resistance, pressure, with their uncertainties).
    public var estimate: JSONValue?
    public var openAlarms: Int

    /// Reads what the store knows of `channel` (call off the cooperative pool);
    /// `sequences` is `store.lastSequences()`, read once for every channel shown.
    init(_ channel: Channel, store: Store, sequences: [String: Int64]) throws {
        name = channel.name
        status = channel.status
        fault = channel.lastFault
        runningJob = channel.runningJob
        plannedCycles = try channel.runningJob.flatMap { try store.job(id: $0) }
            .flatMap { JobPlan(protocolText: $0.protocolText, file: $0.protocolFile).cycles }
        cellFile = channel.spec.cell
        potentiostat = channel.spec.potentiostat
        pressure = channel.spec.pressure
        thermal = channel.spec.thermal
        lastSeq = sequences[channel.name] ?? 0
        latest = try store.latestSample(channel: channel.name).map(SampleView.init)
        estimate = try store.latestEvents(channel: channel.name, kinds: ["estimate"], limit: 1).first.map { JSONValue(parsing: $0.body) }
        openAlarms = try AlarmList(channel: channel.name, store: store).alarms.filter { $0.acknowledgedBy == nil }.count
    }
}

/// A channel's recent alarms with who acknowledged each.
struct AlarmList {
    static let kinds = ["alarm", "liveAlarm"]
    static let acknowledgement = "alarmAcknowledged"
    public var alarms: [AlarmView]

    init(channel: String, store: Store, limit: Int = 500) throws {
        let events = try store.latestEvents(channel: channel, kinds: Self.kinds + [Self.acknowledgement], limit: limit)
        var acknowledgedBy: [Int64: String] = [:]
        for event in events where event.kind == Self.acknowledgement {
            if case .object(let body) = JSONValue(parsing: event.body), case .string(let seq)? = body["seq"], let number = Int64(seq),
               case .string(let who)? = body["acknowledgedBy"] {
                acknowledgedBy[number] = who
            }
        }
        alarms = events.filter { Self.kinds.contains($0.kind) }.map { AlarmView(event: EventView($0), acknowledgedBy: acknowledgedBy[$0.seq]) }
    }
}
