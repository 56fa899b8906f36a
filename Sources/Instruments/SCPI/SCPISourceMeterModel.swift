import Foundation

/// Which SCPI command set a source-measure unit speaks.
///
/// The Keithley 2450 (and 2460/2461/2470) use the newer command set with
/// `:SOUR:CURR:VLIM` and `:READ? "defbuffer1", …`; the 2400 series sets
/// compliance with `:SENS:VOLT:PROT` and picks `:READ?` fields with `:FORM:ELEM`.
public enum SCPISourceMeterModel: String, Sendable, Hashable, CaseIterable {
    case keithley2450 = "2450"
    case keithley2400 = "2400"

    public var displayName: String { "Keithley \(rawValue)" }

    /// Recognises the model in an `*IDN?` reply (`KEITHLEY INSTRUMENTS,MODEL 2450,…`).
    public init?(identification: String) {
        let fields = identification.split(separator: ",").map { $0.uppercased() }
        guard fields.count >= 2, fields[0].contains("KEITHLEY") else { return nil }
        let model = fields[1].replacingOccurrences(of: "MODEL", with: "").filter { !$0.isWhitespace }
        switch model {
        case "2450", "2460", "2461", "2470": self = .keithley2450
        case "2400", "2401", "2410", "2420", "2425", "2430", "2440": self = .keithley2400
        default: return nil
        }
    }

    /// Largest current (A) and voltage (V) the model sources.
    var maximumCurrent: Double { 1.05 }
    var maximumVoltage: Double { 210 }

    /// Commands run once after connecting, before any measurement.
    var connectCommands: [String] {
        switch self {
        case .keithley2450:
            [":OUTP:SMOD HIMP"]  // output off means open circuit, not a short through 0 V
        case .keithley2400:
            [":FORM:ELEM VOLT,CURR,TIME", ":SENS:FUNC:CONC ON", ":SENS:FUNC \"VOLT\",\"CURR\"", ":OUTP:SMOD HIMP"]
        }
    }

    /// The query that returns voltage, current and the instrument's time stamp.
    var readQuery: String {
        switch self {
        case .keithley2450: ":READ? \"defbuffer1\", READ, SOUR, REL"
        case .keithley2400: ":READ?"
        }
    }

    /// Configures the source and measurement for `setpoint`, output state aside.
    ///
    /// An SMU's compliance is symmetric (|V| ≤ limit), so a galvanostat's limit
    /// is the bound on the side the current drives the cell towards; the
    /// other cut-off is the step engine's termination, not the instrument's.
    func configureCommands(for setpoint: SourceSetpoint) -> [String] {
        switch (self, setpoint) {
        case (_, .openCircuit):
            return configureCommands(for: .current(0, voltageLimits: -maximumVoltage...maximumVoltage))
        case (.keithley2450, .current(let current, let limits)):
            return [":SOUR:FUNC CURR", ":SOUR:CURR:RANG:AUTO ON", ":SOUR:CURR:READ:BACK ON",
                    ":SOUR:CURR:LEV \(scpi(current))", ":SOUR:CURR:VLIM \(scpi(Self.compliance(current, limits)))",
                    ":SENS:FUNC \"VOLT\"", ":SENS:VOLT:RANG:AUTO ON"]
        case (.keithley2450, .voltage(let voltage, let limit)):
            return [":SOUR:FUNC VOLT", ":SOUR:VOLT:RANG:AUTO ON", ":SOUR:VOLT:READ:BACK ON",
                    ":SOUR:VOLT:LEV \(scpi(voltage))", ":SOUR:VOLT:ILIM \(scpi(abs(limit)))",
                    ":SENS:FUNC \"CURR\"", ":SENS:CURR:RANG:AUTO ON"]
        case (.keithley2400, .current(let current, let limits)):
            return [":SOUR:FUNC CURR", ":SOUR:CURR:MODE FIX", ":SOUR:CURR:RANG:AUTO ON",
                    ":SOUR:CURR:LEV \(scpi(current))", ":SENS:VOLT:PROT \(scpi(Self.compliance(current, limits)))",
                    ":SENS:VOLT:RANG:AUTO ON"]
        case (.keithley2400, .voltage(let voltage, let limit)):
            return [":SOUR:FUNC VOLT", ":SOUR:VOLT:MODE FIX", ":SOUR:VOLT:RANG:AUTO ON",
                    ":SOUR:VOLT:LEV \(scpi(voltage))", ":SENS:CURR:PROT \(scpi(abs(limit)))",
                    ":SENS:CURR:RANG:AUTO ON"]
        }
    }

    /// Turns a `:READ?` reply into (voltage, current, time). The 2450 answers
    /// (reading, source, time), whose order depends on what is sourced; the
    /// 2400 answers (voltage, current, time) as `:FORM:ELEM` asked.
    func parseReading(_ reply: String, sourcing setpoint: SourceSetpoint) -> (voltage: Double, current: Double, time: Double)? {
        let fields = reply.split(separator: ",").map { $0.trimmingCharacters() }
        guard fields.count >= 3 else { return nil }
        var numbers: [Double] = []
        for field in fields.prefix(3) {
            guard let value = Double(field) else { return nil }
            // 9.91E37 is SCPI's "not a number" (overflow, no reading).
            numbers.append(abs(value) >= 9.9e37 ? .nan : value)
        }
        switch (self, setpoint) {
        case (.keithley2450, .voltage): return (numbers[1], numbers[0], numbers[2])
        default: return (numbers[0], numbers[1], numbers[2])
        }
    }

    static func compliance(_ current: Double, _ limits: ClosedRange<Double>) -> Double {
        current >= 0 ? abs(limits.upperBound) : max(abs(limits.lowerBound), abs(limits.upperBound))
    }

    private func scpi(_ value: Double) -> String {
        // Swift's shortest round-trip form ("0.001", "1e-06") is valid SCPI <NRf>.
        "\(value)"
    }
}

extension Substring {
    fileprivate func trimmingCharacters() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
