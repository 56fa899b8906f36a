import Electrochemistry
import Foundation
import Hummingbird
import Numerics
import ProtocolEngine
import Storage

/// A stored spectrum's equivalent-circuit fit and lin-KK verdict, computed on
/// request (the daemon stores spectra, not fits): the fitted circuit with its
/// parameters, the fit's impedance on a smooth frequency grid to draw over
/// the measured points, and whether the spectrum is trustworthy at all.
public struct SpectrumFitView: ResponseCodable, Sendable {
    public struct Parameter: Codable, Sendable {
        public var name: String
        public var value: Double
        /// SI, as the circuit's element defines it (`Ohm`, `F s^(n-1)`, …).
        public var unit: String
        /// Nil when the fit does not determine it or is not trustworthy.
        public var standardError: Double?
    }

    public struct Curve: Codable, Sendable {
        public var frequency_Hz: [Double]
        public var real_ohm: [Double]
        public var imaginary_ohm: [Double]
    }

    /// The lin-KK check (Schönleber 2014): residuals relative to |Z|.
    public struct KramersKronig: Codable, Sendable {
        public var passed: Bool
        public var reason: String
        public var noiseLevel_percent: Double
        public var rmsResidual_percent: Double
        public var maxResidual_percent: Double
        public var elements: Int
    }

    /// The spectrum's place in `GET /v1/jobs/{id}/spectra` (from 0).
    public var index: Int
    public var time_s: Double
    public var cycle: Int
    public var label: String?
    /// Nil when no circuit fits; `failures` says why.
    public var circuit: String?
    public var trustworthy: Bool
    public var reducedChiSquare: Double?
    public var parameters: [Parameter]
    public var fit: Curve?
    public var failures: [String]
    public var kramersKronig: KramersKronig

    /// Points per decade of the drawn fit.
    static let curveDensity = 10.0

    /// Fits `spectrum` with `circuits` (`BestCircuitFit`'s when nil); call off the cooperative pool.
    init(_ spectrum: StoredSpectrum, index: Int, circuits: [String]?) throws(ImpedanceDataError) {
        let data = try ImpedanceData(frequencies: spectrum.frequency,
                                     impedances: zip(spectrum.real, spectrum.imaginary).map { Complex($0, $1) })
        let choice = BestCircuitFit(data, circuits: circuits ?? BestCircuitFit.circuits)
        let kk = LinearKramersKronig().validate(data)
        self.index = index
        time_s = spectrum.time
        cycle = spectrum.cycle
        label = spectrum.label
        failures = choice.failures
        kramersKronig = KramersKronig(passed: kk.passed, reason: kk.reason, noiseLevel_percent: kk.noiseLevel * 100,
                                      rmsResidual_percent: kk.rms * 100, maxResidual_percent: kk.worst.residual * 100,
                                      elements: kk.elementCount)
        guard let fit = choice.fit else {
            circuit = nil
            trustworthy = false
            reducedChiSquare = nil
            parameters = []
            self.fit = nil
            return
        }
        circuit = "\(fit.circuit)"
        trustworthy = fit.isTrustworthy
        reducedChiSquare = fit.reducedChiSquare
        let units = fit.circuit.parameterInfo.map(\.unit)
        parameters = fit.parameterNames.indices.map { k in
            Parameter(name: fit.parameterNames[k], value: fit.parameters[k], unit: units[k],
                      standardError: fit.isTrustworthy ? fit.standardErrors[k] : nil)
        }
        let low = log10(data.frequencies.min() ?? 1)
        let high = log10(data.frequencies.max() ?? 1)
        let count = max(Int(((high - low) * Self.curveDensity).rounded()), 1) + 1
        let frequencies = (0..<count).map { pow(10, high - (high - low) * Double($0) / Double(max(count - 1, 1))) }
        let impedances = fit.circuit.spectrum(frequencies: frequencies, parameters: fit.parameters)
        self.fit = Curve(frequency_Hz: frequencies, real_ohm: impedances.map(\.real), imaginary_ohm: impedances.map(\.imaginary))
    }
}
