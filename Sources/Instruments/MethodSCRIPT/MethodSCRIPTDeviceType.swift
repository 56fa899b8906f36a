/// A MethodSCRIPT instrument family, as the first six characters of its `t`
/// reply name it; what it can do follows from the family.
///
/// Ranges are the nominal ones of PalmSens' data sheets, rounded inwards so
/// that cyclerd refuses a setpoint the instrument might clip.
public enum MethodSCRIPTDeviceType: String, Sendable, Hashable, CaseIterable {
    case emStatPico = "espico"
    case emStat4LR = "es4_lr"
    case emStat4HR = "es4_hr"
    case nexus = "nexus1"

    public var model: String {
        switch self {
        case .emStatPico: "EmStat Pico"
        case .emStat4LR: "EmStat4 LR"
        case .emStat4HR: "EmStat4 HR"
        case .nexus: "Nexus"
        }
    }

    /// `meas_loop_cp` and `meas_loop_geis` exist only on EmStat4 and Nexus.
    public var hasGalvanostat: Bool { self != .emStatPico }

    public var capabilities: PotentiostatCapabilities {
        let (current, voltage, highestFrequency): (Double, ClosedRange<Double>, Double) = switch self {
        case .emStatPico: (3e-3, -1.7...2.0, 200e3)
        case .emStat4LR: (30e-3, -3...3, 200e3)
        case .emStat4HR: (200e-3, -6...6, 200e3)
        case .nexus: (1, -10...10, 1e6)
        }
        return PotentiostatCapabilities(
            galvanostatic: hasGalvanostat, potentiostatic: true, potentiostaticEIS: true,
            galvanostaticEIS: hasGalvanostat, maximumCurrent: current, voltageRange: voltage,
            frequencyRange: 1e-5...highestFrequency, minimumSampleInterval: 1e-3)
    }

    /// The current ranges (A, full scale) that `set_range ba` accepts, smallest first.
    public var currentRanges: [Double] {
        let maximum = capabilities.maximumCurrent
        return [100e-9, 1e-6, 10e-6, 100e-6, 1e-3, 10e-3, 100e-3].filter { $0 < maximum } + [maximum]
    }

    /// The smallest range that holds `current` without overload.
    public func currentRange(for current: Double) -> Double {
        currentRanges.first { abs(current) <= $0 * 0.95 } ?? currentRanges.last ?? capabilities.maximumCurrent
    }

    /// Whether the device type has been seen, for the error that lists them.
    static var supportedList: String { allCases.map { "\($0.rawValue) (\($0.model))" }.joined(separator: ", ") }
}
