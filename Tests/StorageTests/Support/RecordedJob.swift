import Electrochemistry
import Foundation
import Numerics
import ProtocolEngine
import Testing
@testable import Storage

/// A short job as the daemon would store it: 10 s of rest, a 1 mA charge for
/// 100 s and a 1 mA discharge for 50 s, one sample a second under 10 MPa at
/// 25 °C, with step events and one impedance spectrum encoded from a real
/// `JobEvent` the way the Scheduler's JournalObserver encodes it.
struct RecordedJob {
    let store: Store
    let id: Int64

    static let start = 1_796_000_000.0
    static let chargeCoulombs = 0.1
    static let dischargeCoulombs = 0.05
    static let spectrumFrequencies = [1e5, 1e4, 1e3, 1e2, 10, 1, 0.1]

    static func make(channel: String = "ch1") throws -> RecordedJob {
        let store = try StoreTests.temporaryStore()
        let job = try store.insert(JobRecord(channel: channel, name: "short GCPL", protocolFile: "gcpl.yaml", protocolText: "name: short GCPL",
                                             cellFile: "cell.yaml", cellText: "name: cell", submittedAt: start))
        let id = try #require(job.id)
        var batch = JournalBatch()
        var time = 0.0
        for (step, current, seconds) in [(1, 0.0, 10), (2, 1e-3, 100), (3, -1e-3, 50)] {
            batch.events.append(PendingEvent(job: id, time: time, unixTime: start + time, kind: "stepStarted", body: "{}"))
            for k in 1...seconds {
                time += 1
                batch.samples.append(PendingSample(job: id, time: time, unixTime: start + time, voltage: 3.7 + current * Double(k),
                                                   current: current, pressure: 10e6, temperature: 298.15, step: step, cycle: 0,
                                                   stepTime: Double(k), stepCharge: current * Double(k)))
            }
        }
        batch.events.append(try spectrumEvent(job: id, time: time))
        try store.append(batch, channel: channel)
        try store.setState(job: id, .completed, at: start + time)
        return RecordedJob(store: store, id: id)
    }

    /// A 100 Ω resistor in series with 10 Ω ‖ 1 µF, taken after the discharge.
    static func spectrumEvent(job: Int64, time: Double) throws -> PendingEvent {
        let points = spectrumFrequencies.map { f in
            let jwc = Complex<Double>(0, 2 * Double.pi * f * 1e-6)
            let parallel = Complex<Double>(10, 0) / (Complex<Double>(1, 0) + Complex<Double>(10, 0) * jwc)
            return ImpedanceSpectrum.Point(frequency: f, impedance: Complex<Double>(100, 0) + parallel)
        }
        let record = SpectrumRecord(ImpedanceSpectrum(points: points), mode: .potentiostatic, step: 3, cycle: 0, label: "after",
                                    voltage: 3.65, current: 0, temperature: 298.15, pressure: 10e6)
        let event = JobEvent(time: time, kind: .spectrum(spectrum: record))
        let encoder = JSONEncoder()
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        encoder.outputFormatting = [.sortedKeys]
        let body = String(decoding: try encoder.encode(event), as: UTF8.self)
        return PendingEvent(job: job, time: time, unixTime: start + time, kind: event.kind.name, body: body)
    }

    /// A path for an export file in a fresh temporary directory.
    static func exportPath(_ name: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cyclerd-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory.appendingPathComponent(name).path
    }
}
