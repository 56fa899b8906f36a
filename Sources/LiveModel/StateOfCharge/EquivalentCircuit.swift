/// The R0 + 2 RC circuit the SOC filter predicts voltage with.
///
/// Two RC pairs are the usual compromise (Plett): one for the fast
/// charge-transfer and contact relaxation the sampling still resolves, one for
/// solid diffusion. R0 holds everything faster than one sample.
public struct EquivalentCircuit: Sendable, Hashable {
    /// Ω: the instantaneous (ohmic plus sub-sample) resistance.
    public var ohmicResistance: Double
    /// Ω and s: the fast relaxation.
    public var fastResistance: Double
    public var fastTime: Double
    /// Ω and s: the slow (diffusion) relaxation.
    public var slowResistance: Double
    public var slowTime: Double

    public init(ohmicResistance: Double, fastResistance: Double, fastTime: Double, slowResistance: Double, slowTime: Double) {
        self.ohmicResistance = ohmicResistance
        self.fastResistance = fastResistance
        self.fastTime = fastTime
        self.slowResistance = slowResistance
        self.slowTime = slowTime
    }

    /// Resistance seen after every relaxation has settled (Ω).
    public var totalResistance: Double { ohmicResistance + fastResistance + slowResistance }
}
