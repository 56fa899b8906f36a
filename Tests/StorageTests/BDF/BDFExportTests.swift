import Foundation
import Testing
@testable import Storage

/// A job exported as BDF reads back through batterydf 0.1.0, which reports
/// both tables valid and finds the values the store holds.
@Suite struct BDFExportTests {
    @Test func batterydfReportsTheSamplesAndSpectraTablesValid() throws {
        let job = try RecordedJob.make()
        let samplesPath = try RecordedJob.exportPath("short-gcpl.bdf.csv")
        let spectraPath = samplesPath.replacingOccurrences(of: "short-gcpl.bdf.csv", with: "short-gcpl-spectra.bdf.csv")
        let samples = try TextSink(path: samplesPath), spectra = try TextSink(path: spectraPath)
        let summary = try JobExport(store: job.store, job: job.id).write(.bdf, to: samples, spectra: spectra)
        try samples.close()
        try spectra.close()
        #expect(summary.samples == 160 && summary.spectra == 1)

        let verdicts = try BatteryDFChecker.check([samplesPath, spectraPath])
        let table = verdicts[0], impedance = verdicts[1]

        #expect(table.ok && table.missing.isEmpty, "batterydf: \(table)")
        #expect(table.extras.isEmpty, "every sample column is one batterydf 0.1.0 knows")
        #expect(table.monotonic && table.rows == 160 && table.warnings.isEmpty)
        #expect(table.columns == JobExport.bdfSampleColumns)
        let last = table.last.compactMapValues { $0 }
        #expect(last["Test Time / s"] == 160 && last["Step Count / 1"] == 3 && last["Current / A"] == -1e-3)
        #expect(abs((last["Charging Capacity / Ah"] ?? 0) - RecordedJob.chargeCoulombs / 3_600) < 1e-12)
        #expect(abs((last["Discharging Capacity / Ah"] ?? 0) - RecordedJob.dischargeCoulombs / 3_600) < 1e-12)
        #expect(abs((last["Ambient Temperature / degC"] ?? 0) - 25) < 1e-9 && last["Applied Pressure / Pa"] == 10e6)

        #expect(impedance.ok && impedance.missing.isEmpty, "batterydf: \(impedance)")
        #expect(impedance.extras == ["Frequency / Hz", "Real Impedance / ohm", "Imaginary Impedance / ohm"],
                "the BDF impedance terms, which batterydf 0.1.0's registry predates, and nothing else")
        #expect(impedance.rows == RecordedJob.spectrumFrequencies.count && impedance.columns == JobExport.bdfSpectrumColumns)
        let lowest = impedance.last.compactMapValues { $0 }
        #expect(lowest["Frequency / Hz"] == 0.1 && abs((lowest["Real Impedance / ohm"] ?? 0) - 110) < 1e-3)
    }
}
