/// Everything that defines a simulated cell. SI units throughout.
///
/// A definition is a value: the same definition and seed always give the same
/// run, which is what makes simulator-backed tests repeatable.
public struct CellDefinition: Sendable, Hashable {
    /// Preset or user name, e.g. `nmc811-lpscl-liin`.
    public var name: String
    /// One line for people.
    public var summary: String
    public var electrolyte: ElectrolyteMaterial
    /// The working electrode: a cathode, Li (symmetric) or a blocking metal.
    public var positive: Electrode
    /// The counter electrode: Li, Li-In, LTO, or the same blocking metal.
    public var negative: Electrode

    /// Electrode area (m²).
    public var area: Double
    /// Solid-electrolyte separator thickness (m).
    public var electrolyteThickness: Double
    /// Composite cathode thickness (m); 0 for symmetric and blocking cells.
    public var cathodeThickness: Double
    /// Lithium foil thickness per side (m), for Li-metal cells.
    public var lithiumThickness: Double
    /// Nominal capacity (C); 0 for symmetric and blocking cells.
    public var capacity: Double
    /// Active cathode mass (kg).
    public var activeMass: Double

    /// Temperature at start (K).
    public var temperature: Double
    /// Applied stack pressure (Pa).
    public var stackPressure: Double
    /// State of charge at start (0–1).
    public var initialStateOfCharge: Double

    /// Stack stiffness: pressure change per metre of stack growth (Pa/m).
    /// 0.7 MPa/µm reproduces ≈0.6 MPa for a cathode against LTO and ≈6 MPa
    /// with a Li anode (Koerver, via DOMAIN.md §2).
    public var stackStiffness: Double = 0.7e12
    /// Creep relaxation time of the stack (s): Li creeps above ≈1 MPa.
    public var creepTime: Double = 10 * 3600
    /// Fraction of the electrode interface ASR due to contact, at 10 MPa; it
    /// scales as 1/P (DOMAIN.md §2: contact needs pressure).
    public var contactFraction: Double = 0.5
    /// Volume fraction of active material in the composite cathode; the rest
    /// is electrolyte.
    public var activeVolumeFraction: Double = 0.7
    /// Tortuosity factor of the electrolyte's paths through the composite:
    /// its ionic resistance R_ion, which acts as R_ion/3 at DC (the
    /// transmission line of DOMAIN.md with fast charge transfer), limits the rate.
    public var compositeTortuosity: Double = 4
    /// Cable and fixture inductance (H): short four-wire leads to a pressure cell.
    public var cableInductance: Double = 3e-8
    /// Time constant of the cell's temperature following its chamber (s).
    public var thermalTime: Double = 600

    /// The kind of cell, from its electrodes.
    public var kind: CellKind {
        switch (positive.role, negative.role) {
        case (.lithiumSymmetric, _), (_, .lithiumSymmetric): .symmetricLithium
        case (.blocking, _), (_, .blocking): .ionBlocking
        default: .full
        }
    }

    /// The negative electrode's potential vs Li/Li⁺ (V): Li-In is +0.62 V, so a
    /// cell against Li-In reads 0.62 V lower than against Li.
    public var referenceOffset: Double { negative.potential(0) }

    /// Cut-off voltages for cycling a full cell: the cathode's window shifted
    /// by the reference offset. Nil for symmetric and blocking cells.
    public var cyclingWindow: ClosedRange<Double>? {
        guard kind == .full else { return nil }
        let w = positive.cyclingWindow
        return (w.lowerBound - referenceOffset)...(w.upperBound - referenceOffset)
    }

    /// Whether the negative electrode is Li metal (so it can grow dendrites).
    public var hasLithiumMetal: Bool { negative.thicknessPerArealCharge == PhysicalConstants.lithiumThicknessPerArealCharge }
}

/// The cell types protocols require.
public enum CellKind: String, Sendable, Hashable, CaseIterable {
    case full
    case symmetricLithium = "symmetric-li"
    case ionBlocking = "ion-blocking"
}
