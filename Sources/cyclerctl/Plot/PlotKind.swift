import ArgumentParser

/// The figures `cyclerctl plot` draws, each from the file kind it reads.
enum PlotKind: String, CaseIterable, ExpressibleByArgument {
    /// Voltage against time, from samples.
    case vt
    /// Voltage against the charge passed in each half-cycle, from samples.
    case vq
    /// Differential capacity dQ/dV against voltage, from samples.
    case dqdv
    /// −Z″ against Z′ on equal axes, from spectra.
    case nyquist
    /// |Z| and phase against frequency, from spectra.
    case bode

    var readsSpectra: Bool { self == .nyquist || self == .bode }
}
