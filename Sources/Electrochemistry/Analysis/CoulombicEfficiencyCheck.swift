/// A Coulombic efficiency above 100 %: more charge came out than went in,
/// which points to the measurement or the protocol rather than the cell.
public enum CoulombicEfficiencyCheck {
    /// How far above 100 % a cycler's coulometry can read by itself: about
    /// 0.1 % of range for an ordinary cycler (high-precision ones do 0.01 %).
    public static let tolerance = 0.001

    /// The warning for a cycle that took `charge` in and gave `discharge` out
    /// (C, both positive), or nil when nothing is amiss.
    public static func warning(charge: Double, discharge: Double) -> String? {
        guard charge > 0, discharge > charge * (1 + tolerance) else { return nil }
        return "coulombic efficiency \((100 * discharge / charge).formatted(significantDigits: 4)) % is above 100 %: more charge "
            + "came out than went in; expected only when the cycle starts charged (a first cycle, or one after a rest at "
            + "high SOC); otherwise check the current offset"
    }
}
