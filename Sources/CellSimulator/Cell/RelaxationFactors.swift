/// How far the cell's temperature and stack creep relax towards their targets
/// in one step of length `step` (1 − e^(−dt/τ)).
struct RelaxationFactors: Sendable {
    let step: Double
    let thermal: Double
    let creep: Double
}
