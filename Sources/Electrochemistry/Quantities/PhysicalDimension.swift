/// The kind of a physical quantity, as integer exponents of SI base dimensions.
///
/// Comparing dimensions (rather than unit strings) is what lets `0.5 mA/cm2` and
/// `5 A/m²` be recognised as the same kind of thing, and `4.2 mA` be rejected where
/// a voltage belongs.
public struct PhysicalDimension: Hashable, Sendable {
    /// Exponent of length (metre).
    public let length: Int
    /// Exponent of mass (kilogram).
    public let mass: Int
    /// Exponent of time (second).
    public let time: Int
    /// Exponent of electric current (ampere).
    public let current: Int
    /// Exponent of thermodynamic temperature (kelvin).
    public let temperature: Int
    /// Exponent of "one nominal cell capacity". C-rates are written relative to a
    /// capacity that is only known once the cell is, so they carry this placeholder
    /// until `Quantity.resolvingCRate(capacity:)` substitutes the real charge.
    public let capacityRelative: Int

    public init(
        length: Int = 0, mass: Int = 0, time: Int = 0,
        current: Int = 0, temperature: Int = 0, capacityRelative: Int = 0
    ) {
        self.length = length
        self.mass = mass
        self.time = time
        self.current = current
        self.temperature = temperature
        self.capacityRelative = capacityRelative
    }

    /// The exponents in display order, paired with their SI base unit symbols.
    var exponents: [(symbol: String, exponent: Int)] {
        [("m", length), ("kg", mass), ("s", time), ("A", current), ("K", temperature),
         ("capacity", capacityRelative)]
    }

    public static func * (lhs: Self, rhs: Self) -> Self {
        Self(
            length: lhs.length + rhs.length, mass: lhs.mass + rhs.mass,
            time: lhs.time + rhs.time, current: lhs.current + rhs.current,
            temperature: lhs.temperature + rhs.temperature,
            capacityRelative: lhs.capacityRelative + rhs.capacityRelative
        )
    }

    public static func / (lhs: Self, rhs: Self) -> Self {
        lhs * rhs.raised(to: -1)
    }

    /// The dimension of a unit written with an exponent, e.g. `cm²` from `cm`.
    public func raised(to power: Int) -> Self {
        Self(
            length: length * power, mass: mass * power, time: time * power,
            current: current * power, temperature: temperature * power,
            capacityRelative: capacityRelative * power
        )
    }
}

extension PhysicalDimension {
    public static let dimensionless = Self()
    public static let length = Self(length: 1)
    public static let mass = Self(mass: 1)
    public static let time = Self(time: 1)
    public static let current = Self(current: 1)
    public static let temperature = Self(temperature: 1)

    public static let area = length.raised(to: 2)
    public static let frequency = dimensionless / time
    public static let force = mass * length / time.raised(to: 2)
    public static let pressure = force / area
    public static let energy = force * length
    public static let power = energy / time
    public static let charge = current * time
    public static let voltage = power / current
    public static let resistance = voltage / current
    public static let conductance = current / voltage
    public static let conductivity = conductance / length
    public static let capacitance = charge / voltage
    public static let inductance = voltage * time / current

    public static let arealCurrent = current / area
    public static let arealCharge = charge / area
    public static let specificCurrent = current / mass
    public static let specificCharge = charge / mass
    public static let areaSpecificResistance = resistance * area
    public static let voltageRate = voltage / time
    /// Nominal capacities per unit time: `1C` discharges the nominal capacity in one hour.
    public static let cRate = Self(capacityRelative: 1) / time
}
