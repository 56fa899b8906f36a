import Numerics

extension SpectrumRecord {
    /// (frequency, impedance) pairs, as the `Electrochemistry` spectrum tools take them.
    var points: [(frequency: Double, impedance: Complex<Double>)] {
        frequency.indices.map { (frequency[$0], Complex(real[$0], imaginary[$0])) }
    }
}
