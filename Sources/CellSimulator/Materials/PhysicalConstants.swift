/// Physical constants in SI units (CODATA 2018 exact values where defined).
public enum PhysicalConstants {
    /// Boltzmann constant in eV/K.
    public static let boltzmannEV = 8.617333262e-5
    /// Vacuum permittivity, F/m.
    public static let vacuumPermittivity = 8.8541878128e-12
    /// Faraday constant, C/mol.
    public static let faraday = 96485.33212
    /// 0 °C in kelvin.
    public static let zeroCelsius = 273.15
    /// Thickness of lithium metal per areal charge: 1 mAh/cm² of Li is 4.85 µm
    /// (molar volume 13.0 cm³/mol). In SI: metres per (C/m²); 1 mAh/cm² = 36 000 C/m².
    public static let lithiumThicknessPerArealCharge = 4.85e-6 / 36_000
}

/// Lab-unit conversions the presets are written in.
enum LabUnits {
    /// 1 mAh in coulombs.
    static let mAh = 3.6
    /// 1 cm² in m².
    static let cm2 = 1e-4
    /// 1 Ω·cm² in Ω·m².
    static let ohmCm2 = 1e-4
    /// 1 mA/cm² in A/m².
    static let mAPerCm2 = 10.0
    /// 1 S/cm in S/m.
    static let sPerCm = 100.0
    /// 1 µm in m.
    static let um = 1e-6
    /// 1 MPa in Pa.
    static let MPa = 1e6
    /// 1 hour in seconds.
    static let hour = 3600.0

    static func kelvin(celsius: Double) -> Double { celsius + PhysicalConstants.zeroCelsius }
}
