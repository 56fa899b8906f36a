import Foundation
import Prometheus
import Scheduler
import Storage
import Synchronization

/// The daemon's Prometheus metrics, with base units in their names:
/// each channel's newest voltage, current, pressure, temperature and state
/// of charge, and counters of samples written, alarms, instrument errors
/// and API requests. `refresh()` reads the store once a second.
final class DaemonMetrics: Sendable {
    let registry = PrometheusCollectorRegistry()
    private let channels: [Channel]
    private let store: Store
    private let perChannel: [String: ChannelGauges]
    private let streamClients: Gauge
    private let requests: Mutex<[String: Counter]> = Mutex([:])
    /// What the counters have counted so far, to add only what is new.
    private let counted = Mutex<[String: Int]>([:])

    private struct ChannelGauges: Sendable {
        var voltage, current, pressure, temperature, stateOfCharge: Gauge
        var samples, alarms, instrumentErrors: Counter
    }

    init(channels: [Channel], store: Store) {
        self.channels = channels
        self.store = store
        var gauges: [String: ChannelGauges] = [:]
        for channel in channels {
            let labels = [("channel", channel.name)]
            gauges[channel.name] = ChannelGauges(
                voltage: registry.makeGauge(descriptor: Self.name("channel", "voltage", "volts", "Newest stored cell voltage."), labels: labels),
                current: registry.makeGauge(descriptor: Self.name("channel", "current", "amperes", "Newest stored cell current; positive charges the cell."), labels: labels),
                pressure: registry.makeGauge(descriptor: Self.name("channel", "stack_pressure", "pascals", "Newest stack pressure (NaN without a pressure reading)."), labels: labels),
                temperature: registry.makeGauge(descriptor: Self.name("channel", "temperature", "celsius", "Newest cell temperature (NaN without a temperature reading)."), labels: labels),
                stateOfCharge: registry.makeGauge(descriptor: Self.name("channel", "state_of_charge", "ratio", "The live model's newest state-of-charge estimate, 0 to 1 (NaN before one)."), labels: labels),
                samples: registry.makeCounter(descriptor: Self.name(nil, "samples_written", "total", "Samples stored."), labels: labels),
                alarms: registry.makeCounter(descriptor: Self.name(nil, "alarms", "total", "Alarms raised by jobs and the live model."), labels: labels),
                instrumentErrors: registry.makeCounter(descriptor: Self.name(nil, "instrument_errors", "total", "Times an instrument could not be reached or was lost."), labels: labels))
        }
        perChannel = gauges
        streamClients = registry.makeGauge(descriptor: Self.name("api", "stream_clients", "", "WebSocket clients connected."))
    }

    /// Reads the newest values from the store into the gauges and counters.
    func refresh() {
        for channel in channels {
            guard let gauges = perChannel[channel.name] else { continue }
            let latest = try? store.latestSample(channel: channel.name)
            gauges.voltage.set(latest?.voltage ?? .nan)
            gauges.current.set(latest?.current ?? .nan)
            gauges.pressure.set(latest?.pressure ?? .nan)
            gauges.temperature.set(latest?.temperature.map { $0 - 273.15 } ?? .nan)
            let estimate = try? store.latestEvents(channel: channel.name, kinds: ["estimate"], limit: 1).first
            gauges.stateOfCharge.set(estimate.flatMap { Self.stateOfCharge(in: $0.body) } ?? .nan)
            add(channel.samplesWritten, to: gauges.samples, key: "samples/\(channel.name)")
            if let alarms = try? store.eventCount(channel: channel.name, kinds: AlarmList.kinds) {
                add(alarms, to: gauges.alarms, key: "alarms/\(channel.name)")
            }
            add(channel.instrumentErrorCount, to: gauges.instrumentErrors, key: "instrument/\(channel.name)")
        }
    }

    func streamClientsChanged(to count: Int) {
        streamClients.set(Double(count))
    }

    /// Counts one API answer by its status class (2xx, 4xx, 5xx).
    func countRequest(status: Int) {
        let statusClass = "\(status / 100)xx"
        let counter = requests.withLock { counters in
            if let counter = counters[statusClass] { return counter }
            let counter = registry.makeCounter(descriptor: Self.name("api", "requests", "total", "API requests answered."),
                                               labels: [("status", statusClass)])
            counters[statusClass] = counter
            return counter
        }
        counter.increment()
    }

    private func add(_ total: Int, to counter: Counter, key: String) {
        let delta = counted.withLock { counted -> Int in
            defer { counted[key] = max(counted[key] ?? 0, total) }
            return total - (counted[key] ?? 0)
        }
        if delta > 0 { counter.increment(by: Int64(delta)) }
    }

    /// `cyclerd_SUBSYSTEM_NAME_UNIT`, Prometheus's naming: base units, counters ending in `_total`.
    private static func name(_ subsystem: String?, _ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "cyclerd", subsystem: subsystem, metricName: metric, unitName: unit, helpText: help)
    }

    /// The SOC in an estimate event's body (`{"stateOfCharge": …}`), if it has one.
    static func stateOfCharge(in body: String) -> Double? {
        guard case .object(let fields) = JSONValue(parsing: body), case .number(let value)? = fields["stateOfCharge"] else { return nil }
        return value
    }
}
