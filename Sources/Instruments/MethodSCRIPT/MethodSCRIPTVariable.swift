/// One decoded variable of a `P` data packet.
public struct MethodSCRIPTVariable: Sendable, Hashable {
    /// The two-letter type code (`da`, `ba`, `cc`, …).
    public var type: MethodSCRIPTVariableType
    /// The value in SI units (V, A, Hz, Ω, s, °C); NaN when the device sent `nan`.
    public var value: Double
    /// Status flags from the `1X` metadata token; empty when absent.
    public var status: MethodSCRIPTStatus
    /// Current-range index from the `2XX` metadata token, when present.
    public var currentRange: UInt8?

    public init(type: MethodSCRIPTVariableType, value: Double, status: MethodSCRIPTStatus = [], currentRange: UInt8? = nil) {
        self.type = type
        self.value = value
        self.status = status
        self.currentRange = currentRange
    }
}

/// The type code that says what a packet variable measures.
public struct MethodSCRIPTVariableType: Sendable, Hashable, RawRepresentable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }

    public static let appliedPotential = Self(rawValue: "da")
    public static let appliedCurrent = Self(rawValue: "db")
    public static let frequency = Self(rawValue: "dc")
    public static let acAmplitude = Self(rawValue: "dd")
    public static let current = Self(rawValue: "ba")
    public static let potential = Self(rawValue: "ab")
    public static let impedanceReal = Self(rawValue: "cc")
    public static let impedanceImaginary = Self(rawValue: "cd")
    public static let phase = Self(rawValue: "ca")
    public static let impedanceModulus = Self(rawValue: "cb")
    public static let time = Self(rawValue: "eb")
    public static let temperature = Self(rawValue: "ed")

    public var description: String { rawValue }
}

/// The `1X` metadata status bits.
public struct MethodSCRIPTStatus: OptionSet, Sendable, Hashable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The device could not keep the requested sampling interval.
    public static let timingNotMet = Self(rawValue: 1)
    /// The signal exceeded the current range: the value is clipped.
    public static let overload = Self(rawValue: 2)
    /// The signal is below the range's useful resolution.
    public static let underload = Self(rawValue: 4)
    /// The signal is close to the range's limit.
    public static let overloadWarning = Self(rawValue: 8)
}
