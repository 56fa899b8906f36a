import Foundation

/// A failure the live model saw, with the numbers that made it say so.
public struct Alarm: Sendable, Hashable, CustomStringConvertible {
    /// The failure signatures of DOMAIN.md §4.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// Voltage collapsed to ~0 and stayed: a dendrite through the separator.
        case hardShort = "hard-short"
        /// Voltage collapsed toward the ohmic line; it may recover.
        case softShort = "soft-short"
        /// Resistance jumped with a pressure drop or stripping pulling away from plating.
        case contactLoss = "contact-loss"
        /// Interfacial resistance grew past its limit over its post-activation baseline.
        case interphaseGrowth = "interphase-growth"
        /// Measured stack pressure left the expected one.
        case pressureAnomaly = "pressure-anomaly"
        /// Open-circuit voltage kept moving long after the current stopped.
        case openCircuitDrift = "ocv-drift"
        /// Capacity fell faster per cycle than the limit.
        case capacityFade = "capacity-fade"
    }

    /// One number behind an alarm, with its unit and the limit it crossed.
    public struct Evidence: Sendable, Hashable, CustomStringConvertible {
        public var name: String
        public var value: Double
        public var unit: String
        public var limit: Double?

        public init(_ name: String, _ value: Double, unit: String, limit: Double? = nil) {
            self.name = name
            self.value = value
            self.unit = unit
            self.limit = limit
        }

        public var description: String {
            let shown = "\(name) = \(Self.format(value)) \(unit)".trimmingCharacters(in: .whitespaces)
            return limit.map { "\(shown) (limit \(Self.format($0)))" } ?? shown
        }

        static func format(_ x: Double) -> String { String(format: "%.4g", x) }
    }

    public var kind: Kind
    /// s, on the channel's clock.
    public var time: Double
    /// The cycle it happened in (0 before the first full cycle ends).
    public var cycle: Int
    public var evidence: [Evidence]

    public init(kind: Kind, time: Double, cycle: Int, evidence: [Evidence]) {
        self.kind = kind
        self.time = time
        self.cycle = cycle
        self.evidence = evidence
    }

    public var description: String {
        "\(kind.rawValue) at t = \(Evidence.format(time)) s (cycle \(cycle)): " + evidence.map(\.description).joined(separator: "; ")
    }
}
