import Electrochemistry

/// What cyclerd must know about a physical cell before it touches it: its kind,
/// geometry, capacity and open-circuit curve. Protocol validation uses it to
/// resolve C-rates and areal currents; the live model uses its OCV table.
///
/// Everything is SI. The file format (`Config/cells/*.yaml`) takes lab units:
///
/// ```yaml
/// name: NMC811 | Li6PS5Cl | Li-In, pellet 3
/// type: full                 # full | symmetric-li | ion-blocking | electron-blocking
/// chemistry: [nmc811, li6ps5cl, li-in]
/// area: 1 cm2                # electrode area
/// electrolyte_thickness: 500 um
/// capacity: 2 mAh            # nominal; C-rates refer to it
/// active_mass: 10 mg         # optional, for mA/g and mAh/g
/// reference_offset: 0.62 V   # negative electrode vs Li/Li+, added to read potentials vs Li
/// voltage_window: [2.5 V, 3.7 V]   # optional, cell voltage limits
/// particle_shape: sphere     # optional, sphere | planar: how GITT turns a transient into D
/// ocv:                       # optional; SOC from 0 to 1 and the cell's open-circuit voltage
///   soc:     [0.0, 0.5, 1.0]
///   voltage: [2.9, 3.2, 3.7]
/// ```
public struct CellDescription: Sendable, Hashable, Codable {
    /// The four cell configurations protocols are written for.
    public enum Kind: String, Sendable, Hashable, CaseIterable, Codable {
        case full
        case symmetricLithium = "symmetric-li"
        case ionBlocking = "ion-blocking"
        case electronBlocking = "electron-blocking"
    }

    public var name: String
    public var kind: Kind
    /// Lower-case chemistry tags protocols may require (`li6ps5cl`, `li-in`).
    public var chemistry: [String]
    /// m².
    public var area: Double?
    /// Electrolyte (separator) thickness, m; needed for conductivities.
    public var electrolyteThickness: Double?
    /// Nominal capacity, C (A·s).
    public var capacity: Double?
    /// kg.
    public var activeMass: Double?
    /// V; the negative electrode's potential vs Li/Li⁺.
    public var referenceOffset: Double
    /// Cell voltage limits, V.
    public var voltageWindow: ClosedRange<Double>?
    /// Open-circuit voltage against state of charge.
    public var openCircuitVoltage: OpenCircuitTable?
    /// The positive electrode's active particles; GITT assumes planar
    /// diffusion when it is not given, as Weppner and Huggins did.
    public var particleShape: ParticleGeometry?

    public init(
        name: String, kind: Kind, chemistry: [String] = [], area: Double? = nil,
        electrolyteThickness: Double? = nil, capacity: Double? = nil, activeMass: Double? = nil,
        referenceOffset: Double = 0, voltageWindow: ClosedRange<Double>? = nil,
        openCircuitVoltage: OpenCircuitTable? = nil, particleShape: ParticleGeometry? = nil
    ) {
        self.name = name
        self.kind = kind
        self.chemistry = chemistry
        self.area = area
        self.electrolyteThickness = electrolyteThickness
        self.capacity = capacity
        self.activeMass = activeMass
        self.referenceOffset = referenceOffset
        self.voltageWindow = voltageWindow
        self.openCircuitVoltage = openCircuitVoltage
        self.particleShape = particleShape
    }
}

/// A sampled OCV(SOC) curve: SOC strictly increasing from 0 to 1, voltage in V.
public struct OpenCircuitTable: Sendable, Hashable, Codable {
    public var stateOfCharge: [Double]
    public var voltage: [Double]

    public init(stateOfCharge: [Double], voltage: [Double]) {
        self.stateOfCharge = stateOfCharge
        self.voltage = voltage
    }
}
