import Electrochemistry
import Numerics

/// The resistance of a symmetric cell's electrode interfaces (both together),
/// read from an impedance spectrum without an equivalent-circuit fit.
///
/// In the Nyquist plane of Li|SE|Li the bulk arc ends at the high-frequency
/// intercept and the interface arc, a depressed semicircle (R‖CPE), follows;
/// below it the spectrum returns to the real axis or a concentration-diffusion
/// tail rises. The interface's resistance is its arc's span along the real
/// axis: from the high-frequency intercept to where the circle through the
/// arc's upper half meets the axis on the low-frequency side. That is the
/// high-frequency intercept's own circle construction applied from the other
/// end (the spectrum mirrored, lowest frequency first), so a slow CPE foot or
/// the start of a diffusion tail does not bias the end point.
struct InterfacialResistance {
    var resistance: Double
    var standardError: Double?
    /// How it was read, for the result's note.
    var method: String

    init(_ spectrum: SpectrumRecord) throws(AnalysisError) {
        let points = spectrum.points
        // Mirrored: real part negated, and the order reversed through 1/f.
        let mirrored = points.map { (frequency: 1 / $0.frequency, impedance: Complex(-$0.impedance.real, $0.impedance.imaginary)) }
        guard let intercept = HighFrequencyIntercept.estimate(points), let end = HighFrequencyIntercept.estimate(mirrored).map({ -$0 }) else {
            throw AnalysisError(.tooFewPoints, "the spectrum of step \(spectrum.step) has \(points.count) points; reading an interface needs at least 3",
                                field: "impedance")
        }
        resistance = end - intercept
        standardError = nil
        method = "span of the interface arc's circle along the real axis, from the high-frequency intercept"
        guard resistance > 0 else {
            throw AnalysisError(.noSignal, "the spectrum of step \(spectrum.step) has no interface arc beyond its intercept", field: "impedance")
        }
    }
}
