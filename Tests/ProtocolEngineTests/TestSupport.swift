import Foundation
import Instruments
@testable import ProtocolEngine

/// Collects what a job records and reports, for assertions.
final class CollectingObserver: JobObserver {
    var samples: [RecordedSample] = []
    var events: [JobEvent] = []

    func record(_ sample: RecordedSample) { samples.append(sample) }
    func handle(_ event: JobEvent) { events.append(event) }

    var alarms: [Alarm] {
        events.compactMap { if case .alarm(let alarm) = $0.kind { alarm } else { nil } }
    }

    var spectra: [SpectrumRecord] {
        events.compactMap { if case .spectrum(let record) = $0.kind { record } else { nil } }
    }

    func count(where predicate: (JobEvent.Kind) -> Bool) -> Int {
        events.filter { predicate($0.kind) }.count
    }
}

/// The repository root, for the protocol library and the broken corpus.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
