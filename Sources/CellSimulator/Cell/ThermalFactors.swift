/// Everything in the cell's physics that depends on temperature alone.
///
/// These are the exponentials of the model. Temperature changes rarely (a
/// chamber step, then a relaxation that settles), so the cell computes them
/// once per temperature instead of once per step.
struct ThermalFactors: Sendable {
    let temperature: Double
    /// Ionic conductivity of the electrolyte (S/m).
    let ionicConductivity: Double
    /// Multiplier of grain-boundary resistance over bulk's temperature dependence.
    let grainBoundaryFactor: Double
    /// Multiplier of interfacial charge-transfer resistance.
    let chargeTransferFactor: Double
    /// Multiplier of electronic conductivity.
    let electronicFactor: Double
    /// Multiplier of salt diffusivity.
    let diffusionFactor: Double
    /// Multiplier of the cathode's solid diffusivity.
    let particleDiffusionFactor: Double
    /// Multiplier of interphase growth.
    let interphaseFactor: Double
    /// Multiplier of the critical current density.
    let criticalCurrentFactor: Double

    init(material se: ElectrolyteMaterial, cathode: Electrode, temperature t: Double) {
        temperature = t
        ionicConductivity = se.ionicConductivity(at: t)
        grainBoundaryFactor = 1 / arrheniusFactor(activationEnergy: se.grainBoundaryExtraActivation, temperature: t)
        chargeTransferFactor = 1 / arrheniusFactor(activationEnergy: SimulatedCell.chargeTransferActivation, temperature: t)
        electronicFactor = arrheniusFactor(activationEnergy: se.electronicActivationEnergy, temperature: t)
        diffusionFactor = arrheniusFactor(activationEnergy: SimulatedCell.saltDiffusionActivation, temperature: t)
        particleDiffusionFactor = arrheniusFactor(activationEnergy: cathode.diffusionActivation, temperature: t)
        interphaseFactor = arrheniusFactor(activationEnergy: SimulatedCell.interphaseActivation, temperature: t)
        criticalCurrentFactor = arrheniusFactor(activationEnergy: SimulatedCell.criticalCurrentActivation, temperature: t)
    }
}
