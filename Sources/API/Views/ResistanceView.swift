import Storage

/// A live-model estimate of resistance and stack pressure, in lab units:
/// resistances also per area (Ω cm², ASR) when the job's cell file gives
/// the electrode area.
public struct ResistanceView: Codable, Sendable {
    public var time_s: Double
    public var cycle: Int
    public var ohmicResistance_ohm: Double?
    public var interfacialResistance_ohm: Double?
    public var ohmicResistance_ohmCm2: Double?
    public var interfacialResistance_ohmCm2: Double?
    /// Time since the rest it was taken in began; nil when the cell was not at rest.
    public var rest_s: Double?
    public var expectedPressure_Pa: Double?
    public var measuredPressure_Pa: Double?

    /// `area` in m².
    init(_ e: ResistanceEstimate, area: Double?) {
        let squareCentimetres = area.flatMap { $0 > 0 ? $0 * 1e4 : nil }
        time_s = e.time
        cycle = e.cycle
        ohmicResistance_ohm = e.ohmicResistance
        interfacialResistance_ohm = e.interfacialResistance
        ohmicResistance_ohmCm2 = squareCentimetres.flatMap { cm2 in e.ohmicResistance.map { $0 * cm2 } }
        interfacialResistance_ohmCm2 = squareCentimetres.flatMap { cm2 in e.interfacialResistance.map { $0 * cm2 } }
        rest_s = e.restTime
        expectedPressure_Pa = e.expectedPressure
        measuredPressure_Pa = e.measuredPressure
    }
}
