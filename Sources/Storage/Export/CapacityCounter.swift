/// Charge moved into and out of the cell since the job started, from the
/// samples' step charge.
///
/// The store keeps each step's net charge (C, restarting at 0 with every
/// step); BDF's `Charging Capacity` and `Discharging Capacity` are totals
/// since the test started that never reset (Ah). Each sample's change in step
/// charge is added to one total by its sign, so a step that charges and
/// discharges (a pulse train, a CV hold that overshoots) counts both ways.
struct CapacityCounter {
    private(set) var charged = 0.0
    private(set) var discharged = 0.0
    private var step: Int?
    private var stepCharge = 0.0

    /// Coulombs per ampere hour.
    static let coulombsPerAmpereHour = 3_600.0

    mutating func add(_ sample: StoredSample) {
        let delta = sample.stepCharge - (sample.step == step ? stepCharge : 0)
        if delta > 0 { charged += delta } else { discharged -= delta }
        step = sample.step
        stepCharge = sample.stepCharge
    }

    /// Charging capacity (Ah).
    var chargingAh: Double { charged / Self.coulombsPerAmpereHour }
    /// Discharging capacity (Ah), positive.
    var dischargingAh: Double { discharged / Self.coulombsPerAmpereHour }
}
