import Electrochemistry

/// One comparison that ends or fails a step: `V >= 4.2 V`, `|I| < C/20`,
/// `|dV/dt| < 1 mV/h after 30 min`.
///
/// The threshold stays a `Quantity` until the step starts, because C-rates and
/// areal quantities need the cell, which is known only then (and checked
/// before the job starts by the validator).
public struct Condition: Sendable, Hashable {
    /// What is compared.
    public enum Variable: String, Sendable, Hashable, CaseIterable {
        case voltage = "V"
        case voltageMagnitude = "|V|"
        case current = "I"
        case currentMagnitude = "|I|"
        /// Time since the step started.
        case time = "t"
        /// Charge passed since the step started, signed (positive = charge).
        case charge = "Q"
        case chargeMagnitude = "|Q|"
        /// |Q| per electrode area.
        case arealCharge = "Q/A"
        /// Voltage slope over the last `Condition.slopeWindow` seconds.
        case voltageRate = "dV/dt"
        case voltageRateMagnitude = "|dV/dt|"
        case pressure = "P"
        case temperature = "T"

        /// What the threshold must measure; currents also accept C-rates and
        /// areal or specific currents, resolved against the cell.
        public var dimension: PhysicalDimension {
            switch self {
            case .voltage, .voltageMagnitude: .voltage
            case .current, .currentMagnitude: .current
            case .time: .time
            case .charge, .chargeMagnitude: .charge
            case .arealCharge: .arealCharge
            case .voltageRate, .voltageRateMagnitude: .voltageRate
            case .pressure: .pressure
            case .temperature: .temperature
            }
        }

        /// The unit a bare number means, and an example for messages.
        public var defaultUnit: String {
            switch self {
            case .voltage, .voltageMagnitude: "V"
            case .current, .currentMagnitude: "mA"
            case .time: "s"
            case .charge, .chargeMagnitude: "mAh"
            case .arealCharge: "mAh/cm2"
            case .voltageRate, .voltageRateMagnitude: "mV/h"
            case .pressure: "MPa"
            case .temperature: "degC"
            }
        }
    }

    public enum Comparison: String, Sendable, Hashable, CaseIterable {
        case below = "<"
        case atMost = "<="
        case above = ">"
        case atLeast = ">="

        public func holds(_ value: Double, _ threshold: Double) -> Bool {
            switch self {
            case .below: value < threshold
            case .atMost: value <= threshold
            case .above: value > threshold
            case .atLeast: value >= threshold
            }
        }

        /// True for `>` and `>=`: the variable must rise to meet the condition.
        public var isUpper: Bool { self == .above || self == .atLeast }
    }

    /// The slope window for `dV/dt`: long enough that instrument noise (tens
    /// of µV) does not fake a slope, short enough to follow a relaxation.
    public static let slopeWindow = 60.0

    public var variable: Variable
    public var comparison: Comparison
    public var threshold: Quantity
    /// Seconds into the step before the condition is armed (`after 30 s`):
    /// the first samples of a step carry the switching transient.
    public var armedAfter: Double
    /// The text as written, for events and messages.
    public var text: String
    public var location: FileLocation

    public init(variable: Variable, comparison: Comparison, threshold: Quantity, armedAfter: Double = 0,
                text: String, location: FileLocation) {
        self.variable = variable
        self.comparison = comparison
        self.threshold = threshold
        self.armedAfter = armedAfter
        self.text = text
        self.location = location
    }
}

/// A condition with what to do when it holds: end the step (or fail it) and,
/// optionally, continue at a labelled step instead of the next one.
public struct Exit: Sendable, Hashable {
    public var condition: Condition
    /// The label to continue at; nil means the next step (or, for a failure,
    /// pausing the job).
    public var goto: String?
    public var gotoLocation: FileLocation?

    public init(condition: Condition, goto: String? = nil, gotoLocation: FileLocation? = nil) {
        self.condition = condition
        self.goto = goto
        self.gotoLocation = gotoLocation
    }
}
