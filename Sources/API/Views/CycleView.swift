import Storage

/// One cycle's summary in lab units.
public struct CycleView: Codable, Sendable {
    public var cycle: Int
    public var charge_mAh: Double
    public var discharge_mAh: Double
    public var coulombicEfficiency_percent: Double?
    public var start_s: Double
    public var end_s: Double
    public var minimumVoltage_V: Double
    public var maximumVoltage_V: Double
    public var samples: Int

    init(_ c: CycleSummary) {
        cycle = c.cycle
        charge_mAh = c.chargeAh * 1_000
        discharge_mAh = c.dischargeAh * 1_000
        coulombicEfficiency_percent = c.coulombicEfficiency.map { $0 * 100 }
        start_s = c.start
        end_s = c.end
        minimumVoltage_V = c.minimumVoltage
        maximumVoltage_V = c.maximumVoltage
        samples = c.samples
    }
}

/// One impedance spectrum of a job.
public struct SpectrumView: Codable, Sendable {
    public var time_s: Double
    public var step: Int
    public var cycle: Int
    public var label: String?
    public var frequency_Hz: [Double]
    public var real_ohm: [Double]
    public var imaginary_ohm: [Double]
    public var voltage_V: Double
    public var current_A: Double
    public var temperature_degC: Double?
    public var pressure_Pa: Double?

    init(_ s: StoredSpectrum) {
        time_s = s.time
        step = s.step
        cycle = s.cycle
        label = s.label
        frequency_Hz = s.frequency
        real_ohm = s.real
        imaginary_ohm = s.imaginary
        voltage_V = s.voltage
        current_A = s.current
        temperature_degC = s.temperature.map { $0 - 273.15 }
        pressure_Pa = s.pressure
    }
}
