import Foundation

/// What a column holds, recognised from the names cyclers and analysers
/// write. The schema cyclerd writes (`time_s`, `voltage_V`, `current_A`,
/// `pressure_Pa`, `temperature_degC`, `step`, `cycle`) is one spelling among
/// the vendors'.
enum ColumnRole: Hashable {
    case time, voltage, current, temperature, pressure, step, cycle
    /// Time since the step began, and the charge passed in it (cyclerd's
    /// `step_time_s`, `step_charge_C`; Arbin's `Step_Time(s)`).
    case stepTime, stepCharge
    /// Maccor's charge/discharge/rest letter, which signs its unsigned `Amps`.
    case state
    case frequency, real
    /// Z″, or −Z″ when the name starts with a minus (`-Im(Z)`, `-Z''`).
    case imaginary(negated: Bool)

    /// Which roles a reader looks for: the same name means different things
    /// in a cycling export and a spectrum (`Im` is Gamry's current, `Im(Z)` a
    /// reactance).
    enum Context { case samples, spectrum }

    /// Names by role, as `ColumnLabel.key` spells them.
    private static let sampleNames: [(ColumnRole, Set<String>)] = [
        (.time, ["time", "t", "testtime", "totaltime", "test", "elapsedtime", "runtime"]),
        (.voltage, ["voltage", "ewe", "ecell", "v", "u", "volts", "potential", "vf", "cellvoltage"]),
        (.current, ["current", "i", "<i>", "amps", "im", "cur"]),
        (.temperature, ["temperature", "temp", "temp1", "t1", "auxtemperature1", "auxtemperature", "celltemperature"]),
        (.pressure, ["pressure", "p", "stackpressure"]),
        (.step, ["step", "stepindex", "stepid", "ns", "stepnumber"]),
        (.cycle, ["cycle", "cycleindex", "cycleid", "cyc#", "cyclenumber", "cyc"]),
        (.state, ["state"]),
        (.stepTime, ["steptime"]),
        (.stepCharge, ["stepcharge"]),
    ]

    private static let spectrumNames: [(ColumnRole, Set<String>)] = [
        (.frequency, ["freq", "frequency", "f"]),
        (.real, ["re(z)", "zreal", "z'", "zre", "real", "rez", "zr", "realz"]),
        (.imaginary(negated: false), ["im(z)", "zimag", "z''", "zim", "imag", "im", "imz", "zi", "imagz", "imaginary", "zimaginary"]),
        (.time, ["time", "t"]),
    ]

    /// Names of the time since the test began, preferred over a step's time
    /// when a file has both (Neware's `Total Time` and `Time`).
    static let testTimeKeys: Set<String> = ["testtime", "totaltime", "test", "elapsedtime", "runtime"]

    /// Names that vendors write with the unit in the word itself.
    static let impliedUnits: [String: String] = ["amps": "A", "volts": "V"]

    /// The role of a column labelled `label`, or nil for columns no reader needs.
    ///
    /// A unit settles names two roles share: Gamry's `T` in s is time, a `T`
    /// in °C a temperature; `Step (Sec)` is a step's time, not its number.
    static func role(of label: ColumnLabel, in context: Context) -> ColumnRole? {
        var key = label.key.replacingOccurrences(of: "″", with: "''").replacingOccurrences(of: "′", with: "'")
            .replacingOccurrences(of: "\"", with: "''")
        var negated = false
        if key.hasPrefix("-") { negated = true; key.removeFirst() }
        let table = context == .samples ? sampleNames : spectrumNames
        let candidates = table.filter { $0.1.contains(key) }.map(\.0)
        let dimension = label.unit.flatMap { try? Quantity.parse("1 \(ColumnUnit.aliases[$0] ?? $0)", spacedCRate: true).dimension }
        // A counter with a unit is something else (`Step (Sec)`); a quantity with
        // the wrong unit keeps its role, so the reader refuses the unit by name.
        let measured = candidates.filter { $0.dimension != nil || label.unit == nil }
        let role = measured.first { role in dimension == nil || role.dimension == dimension } ?? measured.first
        switch role {
        case .imaginary?: return .imaginary(negated: negated)
        case let role?: return negated ? nil : role
        case nil: return nil
        }
    }

    /// The dimension the column's numbers have, nil for counters and letters.
    var dimension: PhysicalDimension? {
        switch self {
        case .time, .stepTime: .time
        case .stepCharge: .charge
        case .voltage: .voltage
        case .current: .current
        case .temperature: .temperature
        case .pressure: .pressure
        case .frequency: .frequency
        case .real, .imaginary: .resistance
        case .step, .cycle, .state: nil
        }
    }

    /// A label in cyclerd's schema, for "label it e.g. …" hints.
    var example: String {
        switch self {
        case .time: "time_s or time/s"
        case .voltage: "voltage_V or Ewe/V"
        case .current: "current_mA or <I>/mA"
        case .temperature: "temperature_degC or Temperature (K)"
        case .pressure: "pressure_MPa"
        case .frequency: "frequency_Hz or freq/Hz"
        case .real: "Re(Z)/Ohm or z_real_kOhm"
        case .imaginary: "-Im(Z)/Ohm or z_imag_ohm"
        case .step: "step"
        case .cycle: "cycle"
        case .state: "State"
        case .stepTime: "step_time_s"
        case .stepCharge: "step_charge_C"
        }
    }
}
