/// How an EIS measurement perturbs the cell.
public enum EISExcitation: Sendable, Hashable {
    /// Potentiostatic: a sine of this rms amplitude (V) around the present voltage.
    case potentiostatic(amplitude: Double)
    /// Galvanostatic: a sine of this rms amplitude (A) around the present current.
    case galvanostatic(amplitude: Double)
}
