import Instruments

/// A script uploaded to the simulated MethodSCRIPT device, parsed into the
/// subset cyclerd's drivers send: setup commands, at most one measurement loop
/// with its packet and `breakloop` conditions, and an `on_finished:` block.
///
/// Anything outside the subset is refused with a device error, never
/// silently ignored, so a driver cannot come to depend on a command the
/// simulator does not model.
struct MethodSCRIPTProgram: Equatable {
    enum Command: Equatable {
        case setPotential(Double)
        case setCurrent(Double)
        case cellOn
        case cellOff
        /// Accepted settings with no effect on a simulated cell (channel, mode, bandwidth, ranges).
        case setting
    }

    enum Loop: Equatable {
        case openCircuit(interval: Double, duration: Double)
        case constantPotential(Double, interval: Double, duration: Double)
        case constantCurrent(Double, interval: Double, duration: Double)
        case linearSweep(from: Double, to: Double, step: Double, rate: Double)
        case impedance(amplitude: Double, from: Double, to: Double, points: Int, dc: Double)
        case galvanostaticImpedance(amplitude: Double, from: Double, to: Double, points: Int, dc: Double)
    }

    /// What a loop variable holds, and the packet type code it is sent with.
    enum Quantity: Equatable {
        case potential(MethodSCRIPTVariableType)
        case current
        case frequency
        case impedanceReal
        case impedanceImaginary
    }

    struct BreakCondition: Equatable {
        var variable: String
        var above: Bool
        var threshold: Double
    }

    var setup: [Command] = []
    var loop: Loop?
    /// Loop variable names bound to what they hold.
    var bindings: [String: Quantity] = [:]
    var packet: [String] = []
    var breaks: [BreakCondition] = []
    var onFinished: [Command] = []

    /// A refused script: the error code and message the device prints after `!`.
    struct Rejection: Error, Equatable {
        var code: String
        var message: String
    }

    /// Firmware error codes this simulator answers with (`!XXXX`).
    enum ErrorCode {
        static let syntax = "4004"
        static let notSupportedByDevice = "4005"
        static let unknownCommand = "0003"
        static let noScriptRunning = "0006"
        /// The simulator's code for a cell switch that failed (injected faults).
        static let cellSwitchFault = "4020"
    }

    init(parsing lines: [String], device: MethodSCRIPTDeviceType) throws(Rejection) {
        var declared: Set<String> = []
        var inLoop = false, inFinished = false, pendingBreak: BreakCondition?, inBreak = false
        for (index, raw) in lines.enumerated() {
            let words = raw.split(separator: " ").map(String.init)
            guard let head = words.first else { continue }
            let line = Line(number: index + 1, words: words)
            if inBreak {
                if head == "breakloop", let condition = pendingBreak {
                    breaks.append(condition)
                    pendingBreak = nil
                } else if head == "endif" {
                    inBreak = false
                } else {
                    throw line.reject("only breakloop is supported inside if")
                }
                continue
            }
            switch head {
            case "var":
                guard words.count == 2 else { throw line.reject("var takes one name") }
                declared.insert(words[1])
            case "set_pgstat_chan", "set_pgstat_mode", "set_max_bandwidth", "set_range", "set_autoranging":
                append(.setting, finishing: inFinished)
            case "set_e":
                setup.append(.setPotential(try line.number(1)))
            case "set_i":
                guard device.hasGalvanostat else { throw line.reject("set_i needs a galvanostat", code: ErrorCode.notSupportedByDevice) }
                setup.append(.setCurrent(try line.number(1)))
            case "cell_on":
                append(.cellOn, finishing: inFinished)
            case "cell_off":
                append(.cellOff, finishing: inFinished)
            case "meas_loop_ocp", "meas_loop_ca", "meas_loop_cp", "meas_loop_lsv", "meas_loop_eis", "meas_loop_geis":
                guard loop == nil, !inFinished else { throw line.reject("this simulator runs one measurement loop per script") }
                if head == "meas_loop_cp" || head == "meas_loop_geis", !device.hasGalvanostat {
                    throw line.reject("\(head) is not available on \(device.model)", code: ErrorCode.notSupportedByDevice)
                }
                switch head {
                case "meas_loop_ocp":
                    bindings[try line.variable(1, declared: declared)] = .potential(.potential)
                    loop = .openCircuit(interval: try line.number(2), duration: try line.number(3))
                case "meas_loop_ca":
                    bindings[try line.variable(1, declared: declared)] = .potential(.appliedPotential)
                    bindings[try line.variable(2, declared: declared)] = .current
                    loop = .constantPotential(try line.number(3), interval: try line.number(4), duration: try line.number(5))
                case "meas_loop_cp":
                    bindings[try line.variable(1, declared: declared)] = .potential(.potential)
                    bindings[try line.variable(2, declared: declared)] = .current
                    loop = .constantCurrent(try line.number(3), interval: try line.number(4), duration: try line.number(5))
                case "meas_loop_lsv":
                    bindings[try line.variable(1, declared: declared)] = .potential(.appliedPotential)
                    bindings[try line.variable(2, declared: declared)] = .current
                    loop = .linearSweep(from: try line.number(3), to: try line.number(4), step: try line.number(5), rate: try line.number(6))
                default:
                    bindings[try line.variable(1, declared: declared)] = .frequency
                    bindings[try line.variable(2, declared: declared)] = .impedanceReal
                    bindings[try line.variable(3, declared: declared)] = .impedanceImaginary
                    let (amplitude, start, end, dc) = (try line.number(4), try line.number(5), try line.number(6), try line.number(8))
                    guard 7 < words.count, let points = Int(words[7]), points >= 1 else { throw line.reject("\(head) expects a point count as argument 7") }
                    loop = head == "meas_loop_eis"
                        ? .impedance(amplitude: amplitude, from: start, to: end, points: points, dc: dc)
                        : .galvanostaticImpedance(amplitude: amplitude, from: start, to: end, points: points, dc: dc)
                }
                try Self.checkTiming(loop, line)
                inLoop = true
            case "pck_start", "pck_end":
                guard inLoop else { throw line.reject("\(head) outside a measurement loop") }
            case "pck_add":
                guard inLoop, words.count == 2, bindings[words[1]] != nil else {
                    throw line.reject("pck_add needs a variable set by the measurement loop")
                }
                packet.append(words[1])
            case "if":
                guard inLoop, words.count == 4, bindings[words[1]] != nil, words[2] == ">" || words[2] == "<",
                      let threshold = MethodSCRIPTPrefix.value(ofLiteral: words[3]) else {
                    throw line.reject("expected if VAR > VALUE or if VAR < VALUE inside the loop")
                }
                pendingBreak = BreakCondition(variable: words[1], above: words[2] == ">", threshold: threshold)
                inBreak = true
            case "endloop":
                guard inLoop else { throw line.reject("endloop without a loop") }
                inLoop = false
            case "on_finished:":
                guard !inLoop else { throw line.reject("on_finished: inside a loop") }
                inFinished = true
            default:
                throw line.reject("\(head) is not supported by this simulator", code: ErrorCode.unknownCommand)
            }
        }
        if inLoop { throw Rejection(code: ErrorCode.syntax, message: "the measurement loop has no endloop") }
    }

    /// One script line split into words, for argument checks that name the line.
    private struct Line {
        var number: Int
        var words: [String]

        func reject(_ message: String, code: String = ErrorCode.syntax) -> Rejection {
            Rejection(code: code, message: "line \(number): \(message)")
        }

        func number(_ k: Int) throws(Rejection) -> Double {
            guard k < words.count, let value = MethodSCRIPTPrefix.value(ofLiteral: words[k]) else {
                throw reject("\(words[0]) expects a number as argument \(k)")
            }
            return value
        }

        func variable(_ k: Int, declared: Set<String>) throws(Rejection) -> String {
            guard k < words.count, declared.contains(words[k]) else {
                throw reject("\(words[0]) argument \(k) must be a declared variable")
            }
            return words[k]
        }
    }

    private mutating func append(_ command: Command, finishing: Bool) {
        if finishing { onFinished.append(command) } else { setup.append(command) }
    }

    private static func checkTiming(_ loop: Loop?, _ line: Line) throws(Rejection) {
        switch loop {
        case .openCircuit(let interval, let duration), .constantPotential(_, let interval, let duration),
             .constantCurrent(_, let interval, let duration):
            guard interval > 0, duration >= interval else { throw line.reject("the loop needs a positive interval no longer than its run time") }
        case .linearSweep(let start, let end, let step, let rate):
            guard step > 0, rate > 0, start != end else { throw line.reject("meas_loop_lsv needs distinct ends and positive step and rate") }
        case .impedance(_, let start, let end, _, _), .galvanostaticImpedance(_, let start, let end, _, _):
            guard start > 0, end > 0 else { throw line.reject("EIS frequencies must be positive") }
        case nil:
            break
        }
    }
}
