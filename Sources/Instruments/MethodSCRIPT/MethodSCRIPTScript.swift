/// A MethodSCRIPT program as cyclerd sends it: one measurement loop that
/// streams `P` packets, ending with `on_finished: cell_off` so that the cell is
/// disconnected however the script ends (finished, `breakloop`, or `Z`).
///
/// Variables are single letters, as in PalmSens' examples: `p` potential,
/// `c` current, `f` frequency, `r` Z′, `j` Z″. Every line stays under the
/// device's 128-character limit.
public struct MethodSCRIPTScript: Sendable, Hashable {
    public var lines: [String]

    public init(lines: [String]) {
        self.lines = lines
    }

    /// What goes down the wire after `e\n`: the lines, then the empty line that ends the script.
    public var text: String { lines.joined(separator: "\n") + "\n\n" }

    static func n(_ value: Double) -> String { MethodSCRIPTPrefix.literal(value) }

    private static func header(_ variables: [String], mode: Int) -> [String] {
        variables.map { "var \($0)" } + ["set_pgstat_chan 0", "set_pgstat_mode \(mode)"]
    }

    private static func packet(_ variables: [String]) -> [String] {
        ["  pck_start"] + variables.map { "  pck_add \($0)" } + ["  pck_end"]
    }

    /// `breakloop` when `variable` leaves `range`: a compliance limit enforced on the device.
    private static func limits(_ variable: String, _ range: ClosedRange<Double>) -> [String] {
        ["  if \(variable) > \(n(range.upperBound))", "    breakloop", "  endif",
         "  if \(variable) < \(n(range.lowerBound))", "    breakloop", "  endif"]
    }

    private static let footer = ["endloop", "on_finished:", "  cell_off"]

    /// Open-circuit potential every `interval` s for `duration` s; the cell stays off.
    public static func openCircuit(interval: Double, duration: Double) -> Self {
        Self(lines: header(["p"], mode: 2)
            + ["cell_off", "meas_loop_ocp p \(n(interval)) \(n(duration))"]
            + packet(["p"]) + footer)
    }

    /// Constant current (`meas_loop_cp`), stopping when the potential leaves `voltageLimits`.
    public static func constantCurrent(_ current: Double, voltageLimits: ClosedRange<Double>, currentRange: Double,
                                       interval: Double, duration: Double) -> Self {
        Self(lines: header(["p", "c"], mode: 6)
            + ["set_range ba \(n(currentRange))", "set_i \(n(current))", "cell_on",
               "meas_loop_cp p c \(n(current)) \(n(interval)) \(n(duration))"]
            + packet(["p", "c"]) + limits("p", voltageLimits) + footer)
    }

    /// Constant potential (`meas_loop_ca`), stopping when |I| exceeds `currentLimit`.
    public static func constantPotential(_ potential: Double, currentLimit: Double, interval: Double, duration: Double) -> Self {
        Self(lines: header(["p", "c"], mode: 2)
            + ["set_autoranging ba 100n \(n(currentLimit))", "set_e \(n(potential))", "cell_on",
               "meas_loop_ca p c \(n(potential)) \(n(interval)) \(n(duration))"]
            + packet(["p", "c"]) + limits("c", -currentLimit...currentLimit) + footer)
    }

    /// Linear sweep from `start` to `end` V in `step` V steps at `rate` V/s.
    public static func linearSweep(from start: Double, to end: Double, step: Double, rate: Double, currentLimit: Double) -> Self {
        Self(lines: header(["p", "c"], mode: 2)
            + ["set_autoranging ba 100n \(n(currentLimit))", "set_e \(n(start))", "cell_on",
               "meas_loop_lsv p c \(n(start)) \(n(end)) \(n(abs(step))) \(n(abs(rate)))"]
            + packet(["p", "c"]) + limits("c", -currentLimit...currentLimit) + footer)
    }

    /// Potentiostatic EIS: `points` log-spaced frequencies from `start` to `end`
    /// Hz, `amplitude` V around the DC potential `dcPotential` V.
    public static func impedance(from start: Double, to end: Double, points: Int, amplitude: Double,
                                 dcPotential: Double, currentLimit: Double) -> Self {
        Self(lines: header(["f", "r", "j"], mode: 3)
            + ["set_max_bandwidth \(n(max(start, end) * 4))", "set_autoranging ba 100n \(n(currentLimit))",
               "set_e \(n(dcPotential))", "cell_on",
               "meas_loop_eis f r j \(n(amplitude)) \(n(start)) \(n(end)) \(points) \(n(dcPotential))"]
            + packet(["f", "r", "j"]) + footer)
    }

    /// Galvanostatic EIS: `amplitude` A around the DC current `dcCurrent` A.
    public static func galvanostaticImpedance(from start: Double, to end: Double, points: Int, amplitude: Double,
                                              dcCurrent: Double, currentRange: Double) -> Self {
        Self(lines: header(["f", "r", "j"], mode: 6)
            + ["set_max_bandwidth \(n(max(start, end) * 4))", "set_range ba \(n(currentRange))",
               "set_i \(n(dcCurrent))", "cell_on",
               "meas_loop_geis f r j \(n(amplitude)) \(n(start)) \(n(end)) \(points) \(n(dcCurrent))"]
            + packet(["f", "r", "j"]) + footer)
    }
}
