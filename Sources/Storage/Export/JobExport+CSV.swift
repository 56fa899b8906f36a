extension JobExport {
    /// The project's sample columns (DESIGN.md: snake case with the unit):
    /// those `cyclerctl run` writes, with the wall-clock time added.
    public static let csvSampleColumns = [
        "time_s", "unix_time_s", "step", "cycle", "step_time_s", "voltage_V", "current_A", "step_charge_C",
        "pressure_Pa", "temperature_degC",
    ]

    /// The spectra table: one row per point, the point's spectrum named by its time, step and cycle.
    public static let csvSpectrumColumns = [
        "time_s", "unix_time_s", "step", "cycle", "frequency_Hz", "z_real_ohm", "z_imag_ohm",
    ]

    func writeCSV(to output: TextSink, spectra: TextSink?) throws(StorageError) -> ExportSummary {
        try output.write(Self.csvSampleColumns.joined(separator: ","))
        var samples = 0
        try store.forEachSample(job: id) { s in
            samples += 1
            try output.write([
                "\(s.time)", "\(s.unixTime)", "\(s.step)", "\(s.cycle)", "\(s.stepTime)", "\(s.voltage)", "\(s.current)",
                "\(s.stepCharge)", ExportNumber.csv(s.pressure), ExportNumber.csv(ExportNumber.celsius(s.temperature)),
            ].joined(separator: ","))
        }
        let written = try writeSpectra(to: spectra, header: Self.csvSpectrumColumns.joined(separator: ",")) { z, k in
            "\(z.time),\(z.unixTime),\(z.step),\(z.cycle),\(z.frequency[k]),\(z.real[k]),\(z.imaginary[k])"
        }
        return ExportSummary(samples: samples, events: 0, spectra: written.count, spectrumPoints: written.points)
    }
}
