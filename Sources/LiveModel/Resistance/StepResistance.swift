/// Resistances read from one current step or reversal.
public struct StepResistance: Sendable, Hashable {
    /// s: when the current changed (the first sample at the new current).
    public var time: Double
    /// A: the change in current (new − old).
    public var currentChange: Double
    /// Whether the current changed sign (a plating/stripping or charge/discharge reversal).
    public var isReversal: Bool
    /// s: the time between the last sample before the step and the first after it.
    /// Everything that relaxes faster than this is inside `ohmic`.
    public var jumpDelay: Double
    /// Ω: the instantaneous jump ΔV/ΔI.
    public var ohmic: Double
    /// Ω: what relaxes between the jump and the fixed relaxation time; nil when
    /// the current did not hold that long, or the step came before it settled.
    public var interfacial: Double?

    public init(time: Double, currentChange: Double, isReversal: Bool, jumpDelay: Double, ohmic: Double, interfacial: Double?) {
        self.time = time
        self.currentChange = currentChange
        self.isReversal = isReversal
        self.jumpDelay = jumpDelay
        self.ohmic = ohmic
        self.interfacial = interfacial
    }
}
