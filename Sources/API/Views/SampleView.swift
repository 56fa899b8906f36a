import Storage

/// One stored sample, with units in its field names.
public struct SampleView: Codable, Sendable {
    public var seq: Int64
    public var job: Int64
    public var time_s: Double
    public var unixTime_s: Double
    public var voltage_V: Double
    public var current_A: Double
    public var pressure_Pa: Double?
    public var temperature_degC: Double?
    public var step: Int
    public var cycle: Int
    public var stepTime_s: Double
    public var stepCharge_C: Double

    init(_ s: StoredSample) {
        seq = s.seq
        job = s.job
        time_s = s.time
        unixTime_s = s.unixTime
        voltage_V = s.voltage
        current_A = s.current
        pressure_Pa = s.pressure
        temperature_degC = s.temperature.map { $0 - 273.15 }
        step = s.step
        cycle = s.cycle
        stepTime_s = s.stepTime
        stepCharge_C = s.stepCharge
    }

    /// The CSV header, in the project's sample schema.
    static let csvHeader = "seq,job,time_s,unix_time_s,voltage_V,current_A,pressure_Pa,temperature_degC,step,cycle,step_time_s,step_charge_C"

    public var csvRow: String {
        func text(_ value: Double?) -> String { value.map { "\($0)" } ?? "" }
        return "\(seq),\(job),\(time_s),\(unixTime_s),\(voltage_V),\(current_A),\(text(pressure_Pa)),\(text(temperature_degC)),\(step),\(cycle),\(stepTime_s),\(stepCharge_C)"
    }
}
