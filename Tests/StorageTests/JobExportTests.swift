import Foundation
import Testing
@testable import Storage

/// Exports write what the store holds in the project's CSV columns and a
/// documented JSON shape, and refuse an unknown job by listing the real ones.
@Suite struct JobExportTests {
    @Test func anUnknownJobNamesTheDatabaseAndListsItsJobs() throws {
        let job = try RecordedJob.make()
        #expect {
            _ = try JobExport(store: job.store, job: 42)
        } throws: { error in
            let text = "\(error)"
            return text.contains(job.store.path) && text.contains("no job 42") && text.contains("  \(job.id)  ch1  short GCPL  completed")
                && text.contains("pass one of these ids")
        }
    }

    @Test func csvUsesTheProjectsColumnsWithCelsius() throws {
        let job = try RecordedJob.make()
        let path = try RecordedJob.exportPath("job.csv"), spectraPath = try RecordedJob.exportPath("job-spectra.csv")
        let export = try JobExport(store: job.store, job: job.id)
        let output = try TextSink(path: path), spectra = try TextSink(path: spectraPath)
        let summary = try export.write(.csv, to: output, spectra: spectra)
        try output.close()
        try spectra.close()

        let lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")
        #expect(lines.first == "time_s,unix_time_s,step,cycle,step_time_s,voltage_V,current_A,step_charge_C,pressure_Pa,temperature_degC")
        #expect(lines.count == 161 && summary.samples == 160)
        let charged = lines[110].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(charged[0] == "110.0" && charged[2] == "2" && charged[4] == "100.0" && charged[6] == "0.001")
        let stepCharge = try #require(Double(charged[7])), celsius = try #require(Double(charged[9]))
        #expect(abs(stepCharge - RecordedJob.chargeCoulombs) < 1e-12)
        #expect(charged[8] == "10000000.0" && abs(celsius - 25) < 1e-9, "kelvin become °C")

        let spectrumLines = try String(contentsOfFile: spectraPath, encoding: .utf8).split(separator: "\n")
        #expect(spectrumLines.first == "time_s,unix_time_s,step,cycle,frequency_Hz,z_real_ohm,z_imag_ohm")
        #expect(spectrumLines.count == RecordedJob.spectrumFrequencies.count + 1 && summary.spectra == 1)
        let highest = spectrumLines[1].split(separator: ",").compactMap { Double($0) }
        #expect(highest[4] == 1e5 && abs(highest[5] - 100) < 0.5 && highest[6] < 0, "100 Ω at high frequency, capacitive")
    }

    @Test func jsonIsOneDocumentWithTheJobItsSamplesAndItsEvents() throws {
        let job = try RecordedJob.make()
        let path = try RecordedJob.exportPath("job.json")
        let output = try TextSink(path: path)
        let summary = try JobExport(store: job.store, job: job.id).write(.json, to: output)
        try output.close()

        let document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        #expect(document["format"] as? String == "cyclerd-job" && document["database"] as? String == job.store.path)
        let header = try #require(document["job"] as? [String: Any])
        #expect(header["name"] as? String == "short GCPL" && header["state"] as? String == "completed")
        #expect(header["protocolText"] as? String == "name: short GCPL" && header["checkpoint"] == nil)
        let samples = try #require(document["samples"] as? [[String: Any]])
        #expect(samples.count == 160 && summary.samples == 160)
        #expect(samples[0]["seq"] as? Int == 2, "the first step's event took seq 1")
        #expect(samples[0]["pressure_Pa"] as? Double == 10e6 && abs((samples[0]["temperature_degC"] as? Double ?? 0) - 25) < 1e-9)
        let events = try #require(document["events"] as? [[String: Any]])
        #expect(events.map { $0["kind"] as? String } == ["stepStarted", "stepStarted", "stepStarted", "spectrum"])
        let body = try #require(events[3]["body"] as? [String: Any])
        let spectrum = try #require(((body["kind"] as? [String: Any])?["spectrum"] as? [String: Any])?["spectrum"] as? [String: Any])
        #expect((spectrum["frequency"] as? [Double]) == RecordedJob.spectrumFrequencies, "bodies are embedded as JSON, not strings")
    }

    @Test func aStoredSpectrumEventReadsBackAsTheEngineWroteIt() throws {
        let job = try RecordedJob.make()
        let event = try #require(try job.store.events(job: job.id).last)
        let spectrum = try #require(StoredSpectrum(event))
        #expect(spectrum.frequency == RecordedJob.spectrumFrequencies && spectrum.step == 3 && spectrum.label == "after")
        #expect(spectrum.voltage == 3.65 && spectrum.temperature == 298.15 && spectrum.pressure == 10e6)
        #expect(StoredSpectrum(try #require(try job.store.events(job: job.id).first)) == nil, "a step event holds no spectrum")
    }

    @Test func capacitiesCountChargeAndDischargeSinceTheStartInAmpereHours() {
        var counter = CapacityCounter()
        // Step 1 charges 2 C, step 2 discharges 1 C then charges back 0.5 C (a pulse in one step).
        for (step, charge) in [(1, 1.0), (1, 2.0), (2, -0.5), (2, -1.0), (2, -0.5)] {
            counter.add(StoredSample(channel: "ch1", seq: 0, job: 1, time: 0, unixTime: 0, voltage: 3.7, current: 0, pressure: nil,
                                     temperature: nil, step: step, cycle: 0, stepTime: 0, stepCharge: charge))
        }
        #expect(abs(counter.chargingAh - 2.5 / 3_600) < 1e-15)
        #expect(abs(counter.dischargingAh - 1.0 / 3_600) < 1e-15)
    }
}
