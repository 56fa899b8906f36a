extension JobExport {
    /// The Battery Data Format's preferred labels for the sample table, as
    /// batterydf 0.1.0's column registry (`bdf/normalize/spec.py`) spells
    /// them, in BDF's units.
    ///
    /// - `Current / A` is positive on charge, as the store's current is.
    /// - `Charging Capacity / Ah` and `Discharging Capacity / Ah` are totals
    ///   since the job started (BDF: "never resets between steps or cycles"),
    ///   built from the stored step charge by `CapacityCounter`;
    ///   `Net Capacity / Ah` is their difference.
    /// - `Ambient Temperature / degC` is the channel's temperature sensor,
    ///   converted from the store's kelvin; `Applied Pressure / Pa` its
    ///   pressure sensor (the stack pressure a solid-state cell is held at).
    ///   Both are empty cells where the channel had no such sensor.
    public static let bdfSampleColumns = [
        "Test Time / s", "Unix Time / s", "Voltage / V", "Current / A", "Cycle Count / 1", "Step Count / 1",
        "Charging Capacity / Ah", "Discharging Capacity / Ah", "Net Capacity / Ah",
        "Applied Pressure / Pa", "Ambient Temperature / degC",
    ]

    /// The spectra table: the same time, step and condition columns (the DC
    /// conditions just before the sweep, repeated on each point), then BDF's
    /// impedance terms `Frequency / Hz`, `Real Impedance / ohm` and
    /// `Imaginary Impedance / ohm` (negative for a capacitive arc, as BDF
    /// reports it). batterydf 0.1.0's registry predates these three terms of
    /// the BDF ontology, so it reads them as extra columns and the table stays valid.
    public static let bdfSpectrumColumns = [
        "Test Time / s", "Unix Time / s", "Voltage / V", "Current / A", "Cycle Count / 1", "Step Count / 1",
        "Frequency / Hz", "Real Impedance / ohm", "Imaginary Impedance / ohm",
        "Applied Pressure / Pa", "Ambient Temperature / degC",
    ]

    func writeBDF(to output: TextSink, spectra: TextSink?) throws(StorageError) -> ExportSummary {
        try output.write(Self.bdfSampleColumns.joined(separator: ","))
        var capacity = CapacityCounter()
        var samples = 0
        try store.forEachSample(job: id) { s in
            capacity.add(s)
            samples += 1
            try output.write([
                "\(s.time)", "\(s.unixTime)", "\(s.voltage)", "\(s.current)", "\(s.cycle)", "\(s.step)",
                "\(capacity.chargingAh)", "\(capacity.dischargingAh)", "\(capacity.chargingAh - capacity.dischargingAh)",
                ExportNumber.csv(s.pressure), ExportNumber.csv(ExportNumber.celsius(s.temperature)),
            ].joined(separator: ","))
        }
        let written = try writeSpectra(to: spectra, header: Self.bdfSpectrumColumns.joined(separator: ",")) { z, k in
            [
                "\(z.time)", "\(z.unixTime)", "\(z.voltage)", "\(z.current)", "\(z.cycle)", "\(z.step)",
                "\(z.frequency[k])", "\(z.real[k])", "\(z.imaginary[k])",
                ExportNumber.csv(z.pressure), ExportNumber.csv(ExportNumber.celsius(z.temperature)),
            ].joined(separator: ",")
        }
        return ExportSummary(samples: samples, events: 0, spectra: written.count, spectrumPoints: written.points)
    }
}
