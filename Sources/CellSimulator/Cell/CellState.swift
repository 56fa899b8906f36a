/// The slowly changing physical state of a simulated cell.
public struct CellState: Sendable, Hashable {
    /// Simulated time since the cell was built (s).
    public var time: Double = 0
    /// State of charge of the working electrode (0 discharged, 1 charged).
    public var stateOfCharge: Double
    /// Cell temperature (K).
    public var temperature: Double
    /// Chamber temperature the cell relaxes towards (K).
    public var ambientTemperature: Double
    /// Pressure applied by the rig (Pa).
    public var appliedPressure: Double
    /// Stack growth since assembly from electrode breathing (m).
    public var stackGrowth: Double = 0
    /// The part of `stackGrowth` the stack has crept to accommodate (m).
    public var relaxedGrowth: Double = 0
    /// Square of the interphase ASR at the negative (Li) side ((Ω·m²)²).
    public var negativeInterphaseSquared: Double = 0
    /// Square of the interphase ASR at the positive side ((Ω·m²)²).
    public var positiveInterphaseSquared: Double = 0
    /// Dendrite penetration as a fraction of the separator (0–1; 1 = shorted).
    public var dendritePenetration: Double = 0
    /// Soft short active until this time (s); a soft short burns out and recovers.
    public var softShortUntil: Double = -1
    /// Charge that passed through the electrolyte ionically (C).
    public var ionicCharge: Double = 0
    /// Charge the cathode passed in either direction (C): the first cycles
    /// form its interface, and the excess resistance of a fresh one fades with it.
    public var chargeThroughput: Double = 0
    /// Charge spent forming the cathode interphase (C): irreversible, so it
    /// lowers the first cycle's Coulombic efficiency.
    public var formationCharge: Double = 0
}
