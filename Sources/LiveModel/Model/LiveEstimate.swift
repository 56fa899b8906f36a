/// What the live model says after one sample.
public struct LiveEstimate: Sendable, Hashable {
    public var time: Double
    /// SOC (0–1) and its standard deviation; nil for cells without one.
    public var stateOfCharge: Double?
    public var stateOfChargeSigma: Double?
    /// C: the capacity Coulomb counting uses now, and it over nominal.
    public var capacity: Double?
    public var stateOfHealth: Double?
    /// Ω: the latest step's instantaneous jump and fixed-time relaxation.
    public var ohmicResistance: Double?
    public var interfacialResistance: Double?
    /// Pa: the pressure the stack should have, and measured − expected.
    public var expectedPressure: Double?
    public var pressureResidual: Double?
    /// Cycles finished so far.
    public var cycle: Int
    /// Alarms raised on this sample.
    public var alarms: [Alarm]
}
